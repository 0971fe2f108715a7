import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle, Task } from 'fhir/r4';
import { SEED, startEhrSandbox, type EhrSandbox } from '@linkwell/ehr-sandbox';
import { loadOrCreateKey, type RunningAdapter } from '@linkwell/fhir-server-adapter';
import { fhirRequest, uniqueId } from '../support/fhir-http';
import { authorizeUrl, browse, pkce, tokenRequest } from '../ehr/support/smart-flow';
import { api, startTestAdapter } from './support/adapter-env';
import { gpReferralTransaction } from './support/referral';

// The adapter behind the EHR sandbox: SMART Backend Services (private_key_jwt with the key the
// adapter generated) through the scope-enforcing proxy, and link workers signed in with OIDC.
const dir = mkdtempSync(join(tmpdir(), 'linkwell-adapter-ehr-'));
const CLIENT = 'test-linkwell-adapter';
const SIGN_IN = 'test-linkwell-lw-app';
const REDIRECT = 'http://127.0.0.1:9/auth/callback';
// The API's audience: the resource indicator the link-worker app asks its access token for.
const AUDIENCE = 'http://localhost:1';
// The adapter's allowlist as registered in sandbox/ehr/clients.json: every request below must pass it.
const ADAPTER_SCOPES = (
  JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'sandbox', 'ehr', 'clients.json'), 'utf8'),
  ) as {
    clients: { client_id: string; allowed_scopes?: string[] }[];
  }
).clients.find((client) => client.client_id === 'linkwell-adapter')?.allowed_scopes;
let ehr: EhrSandbox;
let adapter: RunningAdapter;

/** Signs in as the link-worker app does; resolves the access token issued for the adapter's API. */
async function signIn(practitioner: string): Promise<string> {
  const challenge = pkce();
  const form = await browse(
    ehr.baseUrl,
    authorizeUrl(ehr.baseUrl, {
      clientId: SIGN_IN,
      redirectUri: REDIRECT,
      scope: 'openid fhirUser profile',
      aud: '',
      pkce: challenge,
    }) + `&resource=${encodeURIComponent(AUDIENCE)}`,
  );
  const signedIn = await browse(ehr.baseUrl, form.url, { practitioner }, form.cookies);
  const token = await tokenRequest(ehr.baseUrl, {
    grant_type: 'authorization_code',
    code: signedIn.location?.searchParams.get('code') ?? '',
    redirect_uri: REDIRECT,
    client_id: SIGN_IN,
    code_verifier: challenge.verifier,
  });
  return String(token.body.access_token);
}

beforeAll(async () => {
  const key = loadOrCreateKey(join(dir, 'data', 'keys'));
  const clients = [
    {
      client_id: CLIENT,
      jwks: key.jwks,
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'RS384',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      smart_scope_contexts: ['system'],
      allowed_scopes: ADAPTER_SCOPES,
    },
    {
      client_id: SIGN_IN,
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      smart_scope_contexts: [],
      allowed_resources: [AUDIENCE],
    },
  ];
  writeFileSync(join(dir, 'clients.json'), JSON.stringify({ clients }));
  ehr = await startEhrSandbox({
    fhirUpstream: process.env.LINKWELL_TEST_FHIR_BASE ?? '',
    clientsFiles: [join(dir, 'clients.json')],
    keysDir: join(dir, 'ehr-keys'),
  });
  adapter = await startTestAdapter(ehr.fhirBase, SEED.linkWorkerService, {
    ADAPTER_FHIR_AUTH: 'smart',
    ADAPTER_CLIENT_ID: CLIENT,
    ADAPTER_SIGN_IN_CLIENT_ID: SIGN_IN,
    ADAPTER_API_AUDIENCE: AUDIENCE,
    ADAPTER_DATA_DIR: join(dir, 'data'),
    // Membership is asked again after a second, so a removal shows within the test.
    ADAPTER_MEMBERSHIP_SECONDS: '1',
  });
});
afterAll(async () => {
  await adapter.stop();
  await ehr.stop();
});

describe('fhir-server-adapter behind the EHR sandbox', () => {
  it('takes a referral, lets a signed-in link worker accept it, and writes back through the proxy', async () => {
    const identifier = uniqueId('ref');
    const posted = await fhirRequest<Bundle>(
      'POST',
      '',
      gpReferralTransaction({
        patient: SEED.patients.bereavedAndLonely,
        gp: SEED.gps[0] ?? '',
        service: SEED.linkWorkerService,
        identifier,
      }),
    );
    expect(posted.status).toBe(200);
    const taskId =
      /Task\/([^/]+)/.exec(posted.body.entry?.[2]?.response?.location ?? '')?.[1] ?? '';
    await adapter.inbound.poll();

    const token = await signIn(SEED.linkWorkers[0] ?? '');
    const headers = { authorization: `Bearer ${token}` };
    const list = await api<{ cases: { id: string; taskId: string }[] }>(
      adapter,
      'GET',
      '/api/cases',
      undefined,
      headers,
    );
    expect(list.status).toBe(200);
    const mine = list.body.cases.find((c) => c.taskId === taskId);
    expect(mine).toBeDefined();
    expect(
      (await api(adapter, 'POST', `/api/cases/${mine?.id ?? ''}/accept`, undefined, headers))
        .status,
    ).toBe(200);
    expect(await adapter.outbound.run()).toMatchObject({ held: 0, stalled: false });
    expect((await fhirRequest<Task>('GET', `Task/${taskId}`)).body.status).toBe('accepted');

    const outsider = await signIn(SEED.otherLinkWorker);
    expect(
      (await api(adapter, 'GET', '/api/cases', undefined, { authorization: `Bearer ${outsider}` }))
        .status,
    ).toBe(403);
    expect(
      (await api(adapter, 'GET', '/api/cases', undefined, { authorization: 'Bearer not.a.token' }))
        .status,
    ).toBe(401);
  });

  it('takes access away from a link worker removed from the service', async () => {
    const id = uniqueId('lw');
    const role = {
      resourceType: 'PractitionerRole',
      id: `${id}-role`,
      active: true,
      practitioner: { reference: `Practitioner/${id}` },
      organization: { reference: `Organization/${SEED.linkWorkerService}` },
    };
    const practitioner = { resourceType: 'Practitioner', id, name: [{ family: 'Leaver' }] };
    expect((await fhirRequest('PUT', `Practitioner/${id}`, practitioner)).status).toBe(201);
    expect((await fhirRequest('PUT', `PractitionerRole/${id}-role`, role)).status).toBe(201);
    const headers = { authorization: `Bearer ${await signIn(id)}` };
    expect((await api(adapter, 'GET', '/api/cases', undefined, headers)).status).toBe(200);
    expect(
      (await fhirRequest('PUT', `PractitionerRole/${id}-role`, { ...role, active: false })).status,
    ).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await api(adapter, 'GET', '/api/cases', undefined, headers)).status).toBe(403);
  });
});
