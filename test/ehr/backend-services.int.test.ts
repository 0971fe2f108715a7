import { createServer, type Server } from 'node:http';
import { backendPublicJwks, clientAssertion, ehrBase, ehrEnv, proxied } from './support/ehr-env';
import { tokenRequest } from './support/smart-flow';
import { TEST_SYSTEM_CLIENT, TEST_SYSTEM_CLIENT_URI } from './support/test-clients';

// SMART Backend Services: client_credentials with a private_key_jwt assertion, system/ scopes.
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
let jwksServer: Server;

function backendToken(
  clientId: string,
  scope: string,
  assertion = clientAssertion(clientId, `${ehrBase()}/token`),
) {
  return tokenRequest(ehrBase(), {
    grant_type: 'client_credentials',
    scope,
    client_assertion_type: ASSERTION_TYPE,
    client_assertion: assertion,
  });
}

beforeAll(async () => {
  jwksServer = createServer((_req, res) => {
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify(backendPublicJwks()));
  });
  await new Promise<void>((resolve) =>
    jwksServer.listen(Number(ehrEnv('LINKWELL_TEST_EHR_JWKS_PORT')), '127.0.0.1', resolve),
  );
});

afterAll(async () => {
  await new Promise((resolve) => jwksServer.close(resolve));
});

describe('SMART Backend Services', () => {
  it('issues a system/ token to a client registered with an inline JWKS', async () => {
    const token = await backendToken(TEST_SYSTEM_CLIENT, 'system/Task.rs system/Patient.r');
    expect(token.status).toBe(200);
    expect(token.body.scope).toBe('system/Task.rs system/Patient.r');
    const accessToken = String(token.body.access_token);
    expect((await proxied('Task?status=requested', accessToken)).status).toBe(200);
    expect((await proxied('Observation', accessToken)).status).toBe(403);
    expect(
      (
        await proxied('Task', accessToken, {
          method: 'POST',
          body: { resourceType: 'Task', status: 'requested', intent: 'order' },
        })
      ).status,
    ).toBe(403);
  });

  it('issues a token to a client registered with a jwks_uri', async () => {
    const token = await backendToken(TEST_SYSTEM_CLIENT_URI, 'system/Task.rs');
    expect(token.body).toMatchObject({ token_type: 'Bearer', scope: 'system/Task.rs' });
  });

  it('refuses patient/ scopes, a replayed assertion, a wrong audience and a bad signature', async () => {
    expect((await backendToken(TEST_SYSTEM_CLIENT, 'patient/*.rs')).body.error).toBe(
      'invalid_scope',
    );
    const assertion = clientAssertion(TEST_SYSTEM_CLIENT, `${ehrBase()}/token`);
    expect((await backendToken(TEST_SYSTEM_CLIENT, 'system/Task.rs', assertion)).status).toBe(200);
    expect((await backendToken(TEST_SYSTEM_CLIENT, 'system/Task.rs', assertion)).body.error).toBe(
      'invalid_client',
    );
    const wrongAudience = clientAssertion(TEST_SYSTEM_CLIENT, 'http://localhost:1/token');
    expect(
      (await backendToken(TEST_SYSTEM_CLIENT, 'system/Task.rs', wrongAudience)).body.error,
    ).toBe('invalid_client');
    const [head, body] = clientAssertion(TEST_SYSTEM_CLIENT, `${ehrBase()}/token`).split('.');
    const badSignature = `${head ?? ''}.${body ?? ''}.${Buffer.alloc(96).toString('base64url')}`;
    expect(
      (await backendToken(TEST_SYSTEM_CLIENT, 'system/Task.rs', badSignature)).body.error,
    ).toBe('invalid_client');
  });

  it('refuses client_credentials to a public app', async () => {
    const token = await tokenRequest(ehrBase(), {
      grant_type: 'client_credentials',
      scope: 'system/Task.rs',
      client_id: 'test-app',
    });
    expect(token.status).toBe(400);
  });
});
