import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PractitionerRole } from 'fhir/r4';
import { SEED, startEhrSandbox, type EhrSandbox } from '@linkwell/ehr-sandbox';
import { loadOrCreateKey, type RunningAdapter } from '@linkwell/fhir-server-adapter';
import { fhirRequest, uniqueId } from '../support/fhir-http';
import { authorizeUrl, browse, pkce, tokenRequest } from '../ehr/support/smart-flow';
import { api, startTestAdapter } from '../adapter/support/adapter-env';

// The link-worker API takes only an access token issued for it (aud = the API, client_id = the
// link-worker app), and asks again whether its link worker is still in the service.
const dir = mkdtempSync(join(tmpdir(), 'linkwell-api-tokens-'));
const APP = 'sec-lw-app';
const OTHER_APP = 'sec-other-app';
const BACKEND = 'sec-adapter';
const REDIRECT = 'http://127.0.0.1:9/auth/callback';
const AUDIENCE = 'http://localhost:1';
let ehr: EhrSandbox;
let adapter: RunningAdapter;

interface Tokens {
  accessToken: string;
  idToken: string;
}

async function signIn(practitioner: string, client = APP, resource?: string): Promise<Tokens> {
  const challenge = pkce();
  const url = authorizeUrl(ehr.baseUrl, {
    clientId: client,
    redirectUri: REDIRECT,
    scope: 'openid fhirUser profile',
    aud: '',
    pkce: challenge,
  });
  const form = await browse(
    ehr.baseUrl,
    resource === undefined ? url : `${url}&resource=${encodeURIComponent(resource)}`,
  );
  const refused = form.location?.searchParams.get('error');
  if (refused !== null && refused !== undefined) throw new Error(`refused: ${refused}`);
  const signedIn = await browse(ehr.baseUrl, form.url, { practitioner }, form.cookies);
  const code = signedIn.location?.searchParams.get('code');
  if (code === null || code === undefined) {
    throw new Error(`refused: ${signedIn.location?.searchParams.get('error') ?? signedIn.status}`);
  }
  const token = await tokenRequest(ehr.baseUrl, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT,
    client_id: client,
    code_verifier: challenge.verifier,
  });
  return { accessToken: String(token.body.access_token), idToken: String(token.body.id_token) };
}

const me = (token: string): Promise<{ status: number }> =>
  api(adapter, 'GET', '/api/me', undefined, { authorization: `Bearer ${token}` });

beforeAll(async () => {
  const signInClient = (id: string, resources: string[]): object => ({
    client_id: id,
    redirect_uris: [REDIRECT],
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    smart_scope_contexts: [],
    allowed_scopes: [],
    allowed_resources: resources,
  });
  const backend = {
    client_id: BACKEND,
    jwks: loadOrCreateKey(join(dir, 'data', 'keys')).jwks,
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: 'RS384',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    smart_scope_contexts: ['system'],
  };
  const clients = [backend, signInClient(APP, [AUDIENCE]), signInClient(OTHER_APP, [AUDIENCE])];
  writeFileSync(join(dir, 'clients.json'), JSON.stringify({ clients }));
  ehr = await startEhrSandbox({
    fhirUpstream: process.env.LINKWELL_TEST_FHIR_BASE ?? '',
    clientsFiles: [join(dir, 'clients.json')],
    keysDir: join(dir, 'ehr-keys'),
    loadSeed: false,
  });
  adapter = await startTestAdapter(
    ehr.fhirBase,
    SEED.linkWorkerService,
    {
      ADAPTER_FHIR_AUTH: 'smart',
      ADAPTER_CLIENT_ID: BACKEND,
      ADAPTER_DATA_DIR: join(dir, 'data'),
      ADAPTER_SIGN_IN_CLIENT_ID: APP,
      ADAPTER_API_AUDIENCE: AUDIENCE,
      ADAPTER_MEMBERSHIP_SECONDS: '1',
    },
    { subscribe: false },
  );
});
afterAll(async () => {
  await adapter.stop();
  await ehr.stop();
});

describe('link-worker API tokens', () => {
  it('accepts the access token issued for the API and nothing else', async () => {
    const worker = SEED.linkWorkers[0] ?? '';
    const forApi = await signIn(worker, APP, AUDIENCE);
    expect((await me(forApi.accessToken)).status).toBe(200);
    // The OIDC ID token (aud = the app) is a sign-in proof, not a credential for the API.
    expect((await me(forApi.idToken)).status).toBe(401);
    // A token for the FHIR server (the default resource) is refused, and the API's token is
    // useless at the FHIR proxy.
    const forFhir = await signIn(worker, APP);
    expect((await me(forFhir.accessToken)).status).toBe(401);
    const proxied = await fetch(`${ehr.fhirBase}/Practitioner/${worker}`, {
      headers: { authorization: `Bearer ${forApi.accessToken}` },
    });
    expect(proxied.status).toBe(401);
    // Another app registered for the same API is not the link-worker app.
    expect((await me((await signIn(worker, OTHER_APP, AUDIENCE)).accessToken)).status).toBe(401);
  });

  it('does not issue tokens for a resource the app is not registered for', async () => {
    await expect(signIn(SEED.linkWorkers[0] ?? '', APP, 'http://localhost:2')).rejects.toThrow(
      /invalid_target/,
    );
  });

  it('takes access away on the next membership check once the worker is removed', async () => {
    const id = uniqueId('sec-lw');
    const role: PractitionerRole & { id: string } = {
      resourceType: 'PractitionerRole',
      id: `${id}-role`,
      active: true,
      practitioner: { reference: `Practitioner/${id}` },
      organization: { reference: `Organization/${SEED.linkWorkerService}` },
    };
    await fhirRequest('PUT', `Practitioner/${id}`, { resourceType: 'Practitioner', id });
    expect((await fhirRequest('PUT', `PractitionerRole/${role.id}`, role)).status).toBe(201);
    const { accessToken } = await signIn(id, APP, AUDIENCE);
    expect((await me(accessToken)).status).toBe(200);
    await fhirRequest('PUT', `PractitionerRole/${role.id}`, { ...role, active: false });
    expect(
      (await fhirRequest<PractitionerRole>('GET', `PractitionerRole/${role.id}`)).body.active,
    ).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect((await me(accessToken)).status).toBe(403);
    await fhirRequest('PUT', `PractitionerRole/${role.id}`, role);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect((await me(accessToken)).status).toBe(200);
  });
});
