import { generateKeyPairSync, sign } from 'node:crypto';
import type { Bundle, Observation, OperationOutcome } from 'fhir/r4';
import { SEED } from '@linkwell/ehr-sandbox';
import { fhirRequest, uniqueId } from '../support/fhir-http';
import { ehrBase, proxied } from './support/ehr-env';
import { launchAndToken } from './support/launch';
import { tokenRequest } from './support/smart-flow';
import { TEST_APP } from './support/test-clients';

// The FHIR proxy refuses what a strict EHR would: bad tokens, out-of-scope and cross-patient access.
const A = SEED.patients.bereavedAndLonely;
const B = SEED.patients.carerStrain;
const SYSTEM = 'https://linkwell.example.org/fhir/sid/test';
const ids = {
  obsA: uniqueId('obs-a'),
  obsA2: uniqueId('obs-a2'),
  obsB: uniqueId('obs-b'),
  practitioner: uniqueId('pr'),
};
let token: string;

function observation(id: string, patient: string, extra: Partial<Observation> = {}): Observation {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    code: { text: 'test' },
    subject: { reference: `Patient/${patient}` },
    ...extra,
  };
}

function diagnostics(body: unknown): string {
  return (body as OperationOutcome).issue.map((issue) => issue.diagnostics).join(' ');
}

beforeAll(async () => {
  const put = (path: string, body: unknown) => fhirRequest('PUT', path, body);
  await put(`Observation/${ids.obsA}`, observation(ids.obsA, A));
  await put(`Observation/${ids.obsB}`, observation(ids.obsB, B));
  await put(
    `Observation/${ids.obsA2}`,
    observation(ids.obsA2, A, { hasMember: [{ reference: `Observation/${ids.obsB}` }] }),
  );
  await put(`Practitioner/${ids.practitioner}`, {
    resourceType: 'Practitioner',
    id: ids.practitioner,
  });
  for (const patient of [A, B]) {
    await fhirRequest('POST', 'Condition', {
      resourceType: 'Condition',
      subject: { reference: `Patient/${patient}` },
      asserter: { reference: `Practitioner/${ids.practitioner}` },
      code: { text: 'test' },
    });
  }
  token = (
    await launchAndToken(
      'patient/*.rs patient/ServiceRequest.c patient/Task.c user/Practitioner.rs',
      A,
    )
  ).accessToken;
});

describe('tokens', () => {
  it('refuses a request without a token, with WWW-Authenticate', async () => {
    const response = await proxied(`Patient/${A}`, undefined);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
    expect(response.body.resourceType).toBe('OperationOutcome');
  });

  it('refuses a forged token and a tampered one', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const encode = (part: object): string =>
      Buffer.from(JSON.stringify(part)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: ehrBase(),
      aud: `${ehrBase()}/fhir`,
      scope: 'user/*.cruds',
      jti: 'forged',
      iat: now,
      exp: now + 600,
    };
    const input = `${encode({ alg: 'RS256', typ: 'at+jwt' })}.${encode(claims)}`;
    const forged = `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
    expect((await proxied(`Patient/${B}`, forged)).status).toBe(401);
    const [header, , signature] = token.split('.');
    const tampered = `${header ?? ''}.${encode({ ...claims, patient: B })}.${signature ?? ''}`;
    expect((await proxied(`Patient/${B}`, tampered)).status).toBe(401);
  });

  it('refuses a token once its refresh token is revoked', async () => {
    const launched = await launchAndToken('offline_access patient/*.rs', A);
    expect((await proxied(`Patient/${A}`, launched.accessToken)).status).toBe(200);
    const revoked = await tokenRequest(
      ehrBase(),
      { token: String(launched.body.refresh_token), client_id: TEST_APP.clientId },
      '/token/revocation',
    );
    expect(revoked.status).toBe(200);
    expect((await proxied(`Patient/${A}`, launched.accessToken)).status).toBe(401);
  });

  it('refuses an access token revoked at the revocation endpoint', async () => {
    const launched = await launchAndToken('patient/*.rs', A);
    await tokenRequest(
      ehrBase(),
      { token: launched.accessToken, client_id: TEST_APP.clientId },
      '/token/revocation',
    );
    expect((await proxied(`Patient/${A}`, launched.accessToken)).status).toBe(401);
  });
});

describe('patient/ scopes', () => {
  it('reads the launch patient and answers for another as for a missing one (404)', async () => {
    expect((await proxied(`Patient/${A}`, token)).status).toBe(200);
    const other = await proxied(`Patient/${B}`, token);
    expect(other.status).toBe(404);
    expect(other.body.resourceType).toBe('OperationOutcome');
    expect((await proxied(`Observation/${ids.obsB}`, token)).status).toBe(404);
  });

  it('confines searches and refuses searches naming another patient', async () => {
    const mine = await proxied<Bundle>('Observation?code:text=test', token);
    expect(mine.status).toBe(200);
    const subjects = (mine.body.entry ?? []).map(
      (e) => (e.resource as Observation).subject?.reference,
    );
    expect(subjects.length).toBeGreaterThan(0);
    expect(new Set(subjects)).toEqual(new Set([`Patient/${A}`]));
    expect((await proxied(`Observation?patient=${B}`, token)).status).toBe(403);
    expect((await proxied(`Observation?subject=Patient/${B}`, token)).status).toBe(403);
    expect((await proxied(`Patient?_id=${B}`, token)).status).toBe(403);
  });

  it('rewrites HAPI base URLs to the proxy', async () => {
    const mine = await proxied<Bundle>('Observation', token);
    expect(mine.body.entry?.[0]?.fullUrl?.startsWith(`${ehrBase()}/fhir/`)).toBe(true);
    expect(JSON.stringify(mine.body)).not.toContain(process.env.LINKWELL_TEST_FHIR_BASE ?? 'unset');
  });

  it('refuses an _include that reaches another patient', async () => {
    const included = await proxied(
      `Observation?_id=${ids.obsA2}&_include=Observation:has-member`,
      token,
    );
    expect(included.status).toBe(403);
    expect(diagnostics(included.body)).toContain('outside');
  });

  it('refuses a _revinclude that reaches another patient', async () => {
    expect((await proxied(`Practitioner?_id=${ids.practitioner}`, token)).status).toBe(200);
    const revincluded = await proxied(
      `Practitioner?_id=${ids.practitioner}&_revinclude=Condition:asserter`,
      token,
    );
    expect(revincluded.status).toBe(403);
  });

  it('checks paging links: they point at the proxy, and another patient\u2019s page is refused', async () => {
    const first = await proxied<Bundle>('Observation?_count=1', token);
    const next = first.body.link?.find((link) => link.relation === 'next')?.url ?? '';
    expect(next.startsWith(`${ehrBase()}/fhir`)).toBe(true);
    expect((await proxied(next, token)).status).toBe(200);
    const theirs = await fhirRequest<Bundle>('GET', `Observation?patient=${B}&_count=1`);
    await fhirRequest('POST', 'Observation', observation('x', B, { id: undefined }));
    const hapiNext = (
      await fhirRequest<Bundle>('GET', `Observation?patient=${B}&_count=1`)
    ).body.link?.find((link) => link.relation === 'next')?.url;
    expect(theirs.status).toBe(200);
    const replayed = (hapiNext ?? '').replace(
      process.env.LINKWELL_TEST_FHIR_BASE ?? '',
      `${ehrBase()}/fhir`,
    );
    expect((await proxied(replayed, token)).status).toBe(403);
  });

  it('refuses out-of-scope types and interactions', async () => {
    expect((await proxied('Organization', token)).status).toBe(403);
    const write = await proxied('Observation', token, {
      method: 'POST',
      body: observation('n', A, { id: undefined }),
    });
    expect(write.status).toBe(403);
    expect((await proxied(`Observation/${ids.obsA}`, token, { method: 'DELETE' })).status).toBe(
      403,
    );
    expect((await proxied(`Patient/${A}/$everything`, token)).status).toBe(403);
  });

  it('hides a batch entry that reads another patient and refuses one that searches them', async () => {
    const batch = (url: string): Bundle => ({
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        { request: { method: 'GET', url: `Patient/${A}` } },
        { request: { method: 'GET', url } },
      ],
    });
    expect((await proxied('', token, { method: 'POST', body: batch(`Patient/${A}`) })).status).toBe(
      200,
    );
    for (const url of [`Patient/${B}`, `Observation/${ids.obsB}`]) {
      const hidden = await proxied<Bundle>('', token, { method: 'POST', body: batch(url) });
      expect(hidden.status).toBe(200);
      expect(hidden.body.entry?.[1]?.response?.status).toBe('404 Not Found');
      expect(hidden.body.entry?.[1]?.resource).toBeUndefined();
    }
    expect(
      (await proxied('', token, { method: 'POST', body: batch(`Condition?patient=${B}`) })).status,
    ).toBe(403);
  });

  it('refuses a transaction with one entry for another patient and writes nothing', async () => {
    const value = uniqueId('referral');
    const entry = (patient: string) => ({
      resource: {
        resourceType: 'ServiceRequest',
        status: 'active',
        intent: 'order',
        identifier: [{ system: SYSTEM, value }],
        subject: { reference: `Patient/${patient}` },
      },
      request: { method: 'POST', url: 'ServiceRequest' },
    });
    const refused = await proxied('', token, {
      method: 'POST',
      body: { resourceType: 'Bundle', type: 'transaction', entry: [entry(A), entry(B)] },
    });
    expect(refused.status).toBe(403);
    expect(diagnostics(refused.body)).toContain('entry[1]');
    const written = await fhirRequest<Bundle>(
      'GET',
      `ServiceRequest?identifier=${SYSTEM}|${value}&_summary=count`,
    );
    expect(written.body.total).toBe(0);
    const accepted = await proxied<Bundle>('', token, {
      method: 'POST',
      body: { resourceType: 'Bundle', type: 'transaction', entry: [entry(A)] },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.entry?.[0]?.response?.location?.startsWith('ServiceRequest/')).toBe(true);
  });

  it('refuses an update of another patient\u2019s resource even when the body names the launch patient', async () => {
    const launched = await launchAndToken('patient/Observation.rus', A);
    const response = await proxied(`Observation/${ids.obsB}`, launched.accessToken, {
      method: 'PUT',
      body: observation(ids.obsB, A),
    });
    expect(response.status).toBe(404);
    const own = await proxied(`Observation/${ids.obsA}`, launched.accessToken, {
      method: 'PUT',
      body: observation(ids.obsA, A),
    });
    expect(own.status).toBe(200);
  });
});

describe('user/ scopes', () => {
  it('reach any patient by resource type and interaction only', async () => {
    const launched = await launchAndToken('user/Patient.rs user/Observation.r', A);
    expect((await proxied(`Patient/${B}`, launched.accessToken)).status).toBe(200);
    expect((await proxied(`Observation/${ids.obsB}`, launched.accessToken)).status).toBe(200);
    expect((await proxied(`Observation?patient=${B}`, launched.accessToken)).status).toBe(403);
  });

  it('answer CORS preflights for registered app origins only', async () => {
    const preflight = (origin: string) =>
      fetch(`${ehrBase()}/fhir/Patient`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET' },
      });
    const allowed = await preflight('http://localhost:8091');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:8091');
    expect(
      (await preflight('http://evil.example')).headers.get('access-control-allow-origin'),
    ).toBeNull();
  });
});
