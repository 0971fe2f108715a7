import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Clients the integration tests register with the shared EHR sandbox, written at global setup into a
// temp folder with a freshly generated backend key pair: no private key ever lives in the repo.

export const TEST_APP = {
  clientId: 'test-app',
  launchUri: 'http://127.0.0.1:9/launch',
  redirectUri: 'http://127.0.0.1:9/callback',
};
export const TEST_SYSTEM_CLIENT = 'test-system-inline-jwks';
export const TEST_SYSTEM_CLIENT_URI = 'test-system-jwks-uri';
export const TEST_SIGN_IN_CLIENT = 'test-sign-in';

export interface TestClientFiles {
  clientsFile: string;
  /** The private JWK the backend test clients sign their assertions with. */
  backendKeyFile: string;
}

/** Writes the test clients file; `appPort` hosts the fhirclient app, `jwksPort` a JWKS. */
export function writeTestClients(dir: string, appPort: number, jwksPort: number): TestClientFiles {
  mkdirSync(dir, { recursive: true });
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const kid = 'test-backend-key';
  const publicJwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES384', use: 'sig' };
  const backendKeyFile = join(dir, 'backend-key.json');
  writeFileSync(
    backendKeyFile,
    JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid, alg: 'ES384' }),
    { mode: 0o600 },
  );
  const app = `http://127.0.0.1:${appPort}`;
  const clients = [
    {
      client_id: TEST_APP.clientId,
      client_name: 'Test app',
      launch_uri: TEST_APP.launchUri,
      redirect_uris: [TEST_APP.redirectUri],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      smart_scope_contexts: ['patient', 'user'],
    },
    {
      client_id: 'test-fhirclient',
      client_name: 'fhirclient app',
      launch_uri: `${app}/launch`,
      redirect_uris: [`${app}/app`],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      smart_scope_contexts: ['patient', 'user'],
    },
    {
      client_id: TEST_SYSTEM_CLIENT,
      jwks: { keys: [publicJwk] },
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'ES384',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      smart_scope_contexts: ['system'],
    },
    {
      client_id: TEST_SYSTEM_CLIENT_URI,
      jwks_uri: `http://127.0.0.1:${jwksPort}/jwks.json`,
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'ES384',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      smart_scope_contexts: ['system'],
    },
    {
      client_id: TEST_SIGN_IN_CLIENT,
      redirect_uris: ['http://127.0.0.1:9/auth/callback'],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      smart_scope_contexts: [],
    },
  ];
  const clientsFile = join(dir, 'clients.test.json');
  writeFileSync(clientsFile, JSON.stringify({ clients }, null, 2));
  return { clientsFile, backendKeyFile };
}
