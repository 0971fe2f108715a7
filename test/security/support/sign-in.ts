import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEED, startEhrSandbox, type EhrSandbox } from '@linkwell/ehr-sandbox';
import { loadOrCreateKey, type RunningAdapter } from '@linkwell/fhir-server-adapter';
import { authorizeUrl, browse, pkce, tokenRequest } from '../../ehr/support/smart-flow';
import { startTestAdapter } from '../../adapter/support/adapter-env';

/** An EHR sandbox and an adapter that checks real link-worker access tokens from it. */
export interface SignInRig {
  readonly ehr: EhrSandbox;
  readonly adapter: RunningAdapter;
  readonly dataDir: string;
  /** Signs a practitioner in to the link-worker app; returns the API access token. */
  signIn(practitioner: string): Promise<string>;
  stop(): Promise<void>;
}

const REDIRECT = 'http://127.0.0.1:9/auth/callback';
const AUDIENCE = 'http://localhost:1';

export async function startSignInRig(
  name: string,
  env: Record<string, string> = {},
): Promise<SignInRig> {
  const dir = mkdtempSync(join(tmpdir(), `linkwell-${name}-`));
  const app = `${name}-lw-app`;
  const backend = `${name}-adapter`;
  const clients = [
    {
      client_id: backend,
      jwks: loadOrCreateKey(join(dir, 'data', 'keys')).jwks,
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'RS384',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      smart_scope_contexts: ['system'],
    },
    {
      client_id: app,
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      smart_scope_contexts: [],
      allowed_scopes: [],
      allowed_resources: [AUDIENCE],
    },
  ];
  writeFileSync(join(dir, 'clients.json'), JSON.stringify({ clients }));
  const ehr = await startEhrSandbox({
    fhirUpstream: process.env.LINKWELL_TEST_FHIR_BASE ?? '',
    clientsFiles: [join(dir, 'clients.json')],
    keysDir: join(dir, 'ehr-keys'),
    loadSeed: false,
  });
  const adapter = await startTestAdapter(
    ehr.fhirBase,
    SEED.linkWorkerService,
    {
      ADAPTER_FHIR_AUTH: 'smart',
      ADAPTER_CLIENT_ID: backend,
      ADAPTER_DATA_DIR: join(dir, 'data'),
      ADAPTER_SIGN_IN_CLIENT_ID: app,
      ADAPTER_API_AUDIENCE: AUDIENCE,
      ...env,
    },
    { subscribe: false },
  );
  return {
    ehr,
    adapter,
    dataDir: join(dir, 'data'),
    async signIn(practitioner) {
      const challenge = pkce();
      const url = authorizeUrl(ehr.baseUrl, {
        clientId: app,
        redirectUri: REDIRECT,
        scope: 'openid fhirUser profile',
        aud: '',
        pkce: challenge,
      });
      const form = await browse(ehr.baseUrl, `${url}&resource=${encodeURIComponent(AUDIENCE)}`);
      const signedIn = await browse(ehr.baseUrl, form.url, { practitioner }, form.cookies);
      const code = signedIn.location?.searchParams.get('code');
      if (code === null || code === undefined)
        throw new Error(`sign-in refused: ${signedIn.status}`);
      const token = await tokenRequest(ehr.baseUrl, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT,
        client_id: app,
        code_verifier: challenge.verifier,
      });
      return String(token.body.access_token);
    },
    async stop() {
      await adapter.stop();
      await ehr.stop();
    },
  };
}
