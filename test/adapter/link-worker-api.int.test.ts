import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningAdapter } from '@linkwell/fhir-server-adapter';
import { fhirRequest, uniqueId } from '../support/fhir-http';
import { api, startTestAdapter } from './support/adapter-env';
import { gpReferralTransaction, supportBundle } from './support/referral';

// What the link-worker app needs beyond the core case API, against the run's real HAPI: the
// caseload with names, waiting and follow-ups, the referral's details, the directory, per-item sync
// state, and the built app served at `/` beside the API.
const service = uniqueId('svc');
const ids = { patient: uniqueId('pt'), gp: uniqueId('gp'), service, identifier: uniqueId('ref') };
const worker = { practitioner: `Practitioner/${service}-lw` as const, serviceOrg: service };
const webAppDir = mkdtempSync(join(tmpdir(), 'linkwell-web-app-'));
let adapter: RunningAdapter;
let caseId = '';
const practice = `${service}-practice`;

/** The GP's role at a practice and the link worker's role at the service (names for the app). */
function rolesBundle() {
  const put = (resource: { resourceType: string; id: string } & Record<string, unknown>) => ({
    resource,
    request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}` },
  });
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      put({ resourceType: 'Organization', id: practice, name: 'Mill Lane Surgery' }),
      put({
        resourceType: 'PractitionerRole',
        id: `${ids.gp}-role`,
        practitioner: { reference: `Practitioner/${ids.gp}` },
        organization: { reference: `Organization/${practice}` },
        code: [{ text: 'General practitioner' }],
      }),
      put({
        resourceType: 'PractitionerRole',
        id: `${service}-lw-role`,
        practitioner: { reference: worker.practitioner },
        organization: { reference: `Organization/${service}` },
      }),
    ],
  };
}

interface SyncRow {
  kind: string;
  recordId: string;
  state: string;
}

interface Row {
  id: string;
  patientName?: string;
  awaitingFirstContact: boolean;
  nextFollowUp?: string;
  followUpOverdue: boolean;
  contactAttempts: number;
}

beforeAll(async () => {
  mkdirSync(join(webAppDir, 'assets'));
  writeFileSync(join(webAppDir, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(webAppDir, 'assets', 'app.js'), 'console.log(1)');
  expect((await fhirRequest('POST', '', supportBundle(ids, `${service}-walk`))).status).toBe(200);
  expect((await fhirRequest('POST', '', rolesBundle())).status).toBe(200);
  expect((await fhirRequest('POST', '', gpReferralTransaction(ids))).status).toBe(200);
  adapter = await startTestAdapter(
    process.env.LINKWELL_TEST_FHIR_BASE ?? '',
    service,
    {},
    { authenticate: () => Promise.resolve(worker), webAppDir },
  );
  await adapter.inbound.poll();
});
afterAll(() => adapter.stop());

describe('link-worker app API', () => {
  it('lists the caseload with the patient’s name and who awaits first contact', async () => {
    const caseload = await api<{ cases: Row[]; awaitingFirstContact: number }>(
      adapter,
      'GET',
      '/api/caseload',
    );
    expect(caseload.status).toBe(200);
    expect(caseload.body.cases).toHaveLength(1);
    caseId = caseload.body.cases[0]?.id ?? '';
    expect(caseload.body.cases[0]).toMatchObject({
      patientName: 'Test',
      awaitingFirstContact: true,
    });
    expect(caseload.body.awaitingFirstContact).toBe(1);
  });

  it('gives the referral’s details, and the next follow-up with an overdue mark', async () => {
    const details = await api<{ referral: { needs: { code: string }[] } }>(
      adapter,
      'GET',
      `/api/cases/${caseId}/details`,
    );
    expect(details.body.referral.needs).toEqual([
      { code: '422650009', display: 'Social isolation' },
    ]);
    expect(
      (await api(adapter, 'PUT', `/api/cases/${caseId}/follow-up`, { due: '2020-01-01' })).status,
    ).toBe(200);
    expect(
      (await api(adapter, 'PUT', `/api/cases/${caseId}/follow-up`, { due: 'soon' })).status,
    ).toBe(400);
    expect((await api(adapter, 'POST', `/api/cases/${caseId}/accept`)).status).toBe(200);
    await api(adapter, 'POST', `/api/cases/${caseId}/contact-attempts`, {
      method: 'phone',
      outcome: 'reached',
    });
    const caseload = await api<{ cases: Row[]; awaitingFirstContact: number }>(
      adapter,
      'GET',
      '/api/caseload',
    );
    expect(caseload.body.cases[0]).toMatchObject({
      nextFollowUp: '2020-01-01',
      followUpOverdue: true,
      contactAttempts: 1,
      awaitingFirstContact: false,
    });
  });

  it('names the signed-in link worker, the team, who referred and who holds the case', async () => {
    expect((await api(adapter, 'GET', '/api/me')).body).toEqual({
      practitioner: worker.practitioner,
      serviceOrg: service,
      name: 'Worker',
      manager: false,
    });
    expect((await api(adapter, 'GET', '/api/team')).body).toEqual({
      members: [{ practitioner: worker.practitioner, name: 'Worker' }],
    });
    const details = await api<{ referral: { requester: unknown } }>(
      adapter,
      'GET',
      `/api/cases/${caseId}/details`,
    );
    expect(details.body.referral.requester).toEqual({
      name: 'GP',
      role: 'General practitioner',
      practice: 'Mill Lane Surgery',
    });
    const caseload = await api<{ cases: { id: string; assignedToName?: string }[] }>(
      adapter,
      'GET',
      '/api/caseload',
    );
    expect(caseload.body.cases.find((c) => c.id === caseId)?.assignedToName).toBe('Worker');
  });

  it('tells whether each shared item reached the FHIR server', async () => {
    const goal = await api<{ id: string }>(adapter, 'POST', `/api/cases/${caseId}/goals`, {
      description: 'Walk every week',
    });
    const before = await api<{ syncStates: SyncRow[] }>(
      adapter,
      'GET',
      `/api/cases/${caseId}/details`,
    );
    expect(before.body.syncStates).toContainEqual(
      expect.objectContaining({ kind: 'goal', recordId: goal.body.id, state: 'pending' }),
    );
    expect(await adapter.outbound.run()).toMatchObject({ held: 0 });
    const after = await api<{ syncStates: SyncRow[] }>(
      adapter,
      'GET',
      `/api/cases/${caseId}/details`,
    );
    expect(after.body.syncStates).toEqual([
      expect.objectContaining({ kind: 'goal', recordId: goal.body.id, state: 'synced' }),
      expect.objectContaining({ kind: 'task', recordId: caseId, state: 'synced' }),
    ]);
    expect((await api(adapter, 'POST', '/api/sync/problems/999999/retry')).status).toBe(404);
  });

  it('lists the community-service directory', async () => {
    const directory = await api<{ services: { id: string; name: string }[] }>(
      adapter,
      'GET',
      '/api/directory/services',
    );
    expect(directory.body.services).toContainEqual(
      expect.objectContaining({ id: `${service}-walk`, name: 'Walking group' }),
    );
  });

  it('serves the app at / with its sign-in config, SPA fallback, and the API beside it', async () => {
    const page = await fetch(`${adapter.url}/cases/${caseId}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await page.text()).toContain('<title>app</title>');
    expect((await fetch(`${adapter.url}/assets/app.js`)).status).toBe(200);
    expect((await fetch(`${adapter.url}/assets/missing.js`)).status).toBe(404);
    expect(await (await fetch(`${adapter.url}/app-config.json`)).json()).toEqual({
      issuer: null,
      clientId: 'linkwell-link-worker-app',
      // The resource indicator its access token is asked for: the API's audience (the public URL).
      resource: 'http://localhost:1',
    });
    expect((await fetch(`${adapter.url}/api/nothing-here`)).status).toBe(404);
    expect((await fetch(`${adapter.url}/.well-known/jwks.json`)).status).toBe(200);
  });
});
