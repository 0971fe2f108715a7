import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle, BundleEntry, Encounter, FhirResource } from 'fhir/r4';
import { SERVICE_MANAGER_ROLE, V3_ACT_CODE } from '@linkwell/profiles';
import { startEhrSandbox, type EhrSandbox } from '@linkwell/ehr-sandbox';
import { insights, loadOrCreateKey, type RunningAdapter } from '@linkwell/fhir-server-adapter';
import { fhirRequest, uniqueId } from '../../support/fhir-http';
import { api, startTestAdapter } from '../support/adapter-env';

// Healthcare use from the real HAPI: Encounters with known dates and classes for random patients,
// read by the adapter's refresh through the sandbox's scope-enforcing proxy with its SMART
// Backend Services token (the allowlist in sandbox/ehr/clients.json), counted in the store.
// Five people consented, one did not, one withdrew: only the five are read and counted.
const dir = mkdtempSync(join(tmpdir(), 'linkwell-hcu-'));
const CLIENT = `hcu-${uniqueId('c')}`;
const service = uniqueId('hcu-svc');
const manager = `${service}-mgr`;
const linkWorker = `${service}-lw`;
const consented = [0, 1, 2, 3, 4].map((i) => uniqueId(`hcu-pt${i}`));
const notConsented = uniqueId('hcu-none');
const withdrawn = uniqueId('hcu-wd');
const allowlist = (
  JSON.parse(
    readFileSync(join(__dirname, '..', '..', '..', 'sandbox', 'ehr', 'clients.json'), 'utf8'),
  ) as { clients: { client_id: string; allowed_scopes?: string[] }[] }
).clients.find((client) => client.client_id === 'linkwell-adapter')?.allowed_scopes;

const DAY = 86_400_000;
const today = new Date().toISOString().slice(0, 10);
const dayFrom = (base: string, days: number): string =>
  new Date(Date.parse(`${base}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
// Referred 400 days ago: both windows have passed for everyone.
const referred = dayFrom(today, -400);

let ehr: EhrSandbox;
let adapter: RunningAdapter;
const as = (practitioner: string) => ({ authorization: `Bearer ${practitioner}` });
const put = (resource: FhirResource): BundleEntry => ({
  resource,
  request: { method: 'PUT', url: `${resource.resourceType}/${resource.id ?? ''}` },
});

/** Person i's Encounters, by offset in days from the referral (far from the window edges). */
function encountersOf(patient: string, i: number): Encounter[] {
  const made: Encounter[] = [];
  const add = (offsets: number[], cls: string, type?: string, status = 'finished'): void => {
    for (const offset of offsets) {
      made.push({
        resourceType: 'Encounter',
        id: `${patient}-${String(made.length)}`,
        status: status as Encounter['status'],
        class: { system: V3_ACT_CODE, code: cls },
        ...(type === undefined
          ? {}
          : { type: [{ coding: [{ system: 'http://snomed.info/sct', code: type }] }] }),
        subject: { reference: `Patient/${patient}` },
        period: { start: `${dayFrom(referred, offset)}T10:00:00Z` },
      });
    }
  };
  const range = (n: number, from: number, step: number): number[] =>
    Array.from({ length: n }, (_, k) => from + k * step);
  // GP: 20 in the 6 months before (days -170 to 0), 3 more in the 12; 15 + i after, 2 more in the 12.
  add(range(20, -171, 9), 'AMB', '185349003');
  add(range(3, -340, 40), 'AMB', '185349003');
  add(range(15 + i, 5, 9), 'VR', '185317003');
  add(range(2, 220, 60), 'AMB', '185349003');
  // One emergency attendance before, none after (a cancelled one is not counted).
  add([-60], 'EMER');
  add([50], 'EMER', undefined, 'cancelled');
  // Outpatient clinics: ambulatory without a GP type, never counted. Person 0: one admission before.
  add([-30, 30], 'AMB');
  if (i === 0) add([-100], 'IMP');
  return made;
}

beforeAll(async () => {
  const client = {
    client_id: CLIENT,
    jwks: loadOrCreateKey(join(dir, 'data', 'keys')).jwks,
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: 'RS384',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    smart_scope_contexts: ['system'],
    allowed_scopes: allowlist,
  };
  writeFileSync(join(dir, 'clients.json'), JSON.stringify({ clients: [client] }));
  ehr = await startEhrSandbox({
    fhirUpstream: process.env.LINKWELL_TEST_FHIR_BASE ?? '',
    clientsFiles: [join(dir, 'clients.json')],
    keysDir: join(dir, 'ehr-keys'),
    loadSeed: false,
  });
  const people = [...consented, notConsented, withdrawn];
  const written = await fhirRequest('POST', '', {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      put({ resourceType: 'Organization', id: service, name: 'Link workers' }),
      put({ resourceType: 'Practitioner', id: manager, name: [{ family: 'Manager' }] }),
      put({ resourceType: 'Practitioner', id: linkWorker, name: [{ family: 'Worker' }] }),
      put({
        resourceType: 'PractitionerRole',
        id: `${manager}-role`,
        active: true,
        practitioner: { reference: `Practitioner/${manager}` },
        organization: { reference: `Organization/${service}` },
        code: [{ coding: [SERVICE_MANAGER_ROLE] }],
      }),
      put({
        resourceType: 'PractitionerRole',
        id: `${linkWorker}-role`,
        active: true,
        practitioner: { reference: `Practitioner/${linkWorker}` },
        organization: { reference: `Organization/${service}` },
      }),
      ...people.map((id) => put({ resourceType: 'Patient', id, name: [{ family: 'Test' }] })),
      ...people.flatMap((id, i) => encountersOf(id, i % 5).map(put)),
    ],
  } satisfies Bundle);
  expect(written.status).toBe(200);
  adapter = await startTestAdapter(
    ehr.fhirBase,
    service,
    { ADAPTER_FHIR_AUTH: 'smart', ADAPTER_CLIENT_ID: CLIENT, ADAPTER_DATA_DIR: join(dir, 'data') },
    {
      authenticate: (authorization) =>
        Promise.resolve({
          practitioner: `Practitioner/${(authorization ?? '').replace(/^Bearer /, '')}`,
          serviceOrg: service,
        }),
    },
  );
  await insights.writeSyntheticCases(
    adapter.db,
    people.map((patient, i): insights.SyntheticCase => ({
      id: `${service}-case-${String(i)}`,
      serviceOrg: service,
      taskId: `${service}-task-${String(i)}`,
      referralRef: `ServiceRequest/${service}-${String(i)}`,
      patientRef: `Patient/${patient}`,
      status: 'in-progress',
      assignedTo: `Practitioner/${linkWorker}`,
      receivedAt: `${referred}T10:00:00.000Z`,
      facts: {
        referredAt: `${referred}T10:00:00.000Z`,
        practice: 'Test Surgery',
        needs: ['loneliness'],
        birthDate: undefined,
        sex: undefined,
        ethnicity: undefined,
        postcode: undefined,
      },
      ...(patient === notConsented
        ? {}
        : { consent: patient === withdrawn ? ('withdrawn' as const) : ('shared' as const) }),
    })),
  );
}, 120_000);
afterAll(async () => {
  await adapter.stop();
  await ehr.stop();
});

interface RefreshView {
  status: string;
  patients: number;
  read: number;
  progress: number;
}

async function refreshed(): Promise<RefreshView> {
  const started = await api<RefreshView>(
    adapter,
    'POST',
    '/api/insights/healthcare-use/refresh',
    undefined,
    as(manager),
  );
  expect(started.status).toBe(202);
  let job = started.body;
  for (let i = 0; i < 300 && job.status === 'running'; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    job = (
      await api<RefreshView>(
        adapter,
        'GET',
        '/api/insights/healthcare-use/refresh',
        undefined,
        as(manager),
      )
    ).body;
  }
  return job;
}

const figures = async (): Promise<insights.HealthcareUseSection> => {
  const response = await api<insights.HealthcareUseSection>(
    adapter,
    'GET',
    '/api/insights/healthcare-use',
    undefined,
    as(manager),
  );
  expect(response.status).toBe(200);
  return response.body;
};
const shown = (value: number) => ({ value, suppressed: false });

describe('healthcare use from the EHR', () => {
  it('is the manager’s: a link worker gets 403 and no section in their figures', async () => {
    for (const [method, path] of [
      ['GET', '/api/insights/healthcare-use'],
      ['POST', '/api/insights/healthcare-use/refresh'],
      ['GET', '/api/insights/healthcare-use/refresh'],
    ] as const) {
      const response = await api<{ error: { code: string } }>(
        adapter,
        method,
        path,
        undefined,
        as(linkWorker),
      );
      expect([path, response.status, response.body.error.code]).toEqual([path, 403, 'forbidden']);
    }
    const own = await api(adapter, 'GET', '/api/insights', undefined, as(linkWorker));
    expect(own.status).toBe(200);
    expect(own.body.healthcareUse).toBeUndefined();
  });

  it('reads only the consented people’s Encounters through the proxy, and counts them', async () => {
    const job = await refreshed();
    expect(job).toMatchObject({ status: 'done', patients: 5, read: 5, progress: 1 });
    const cached = await adapter.db.query<{ patient_ref: string; n: number }>(
      `SELECT patient_ref, count(*)::integer AS n FROM patient_encounters
       WHERE patient_ref = ANY($1::text[]) GROUP BY patient_ref`,
      [[notConsented, withdrawn, ...consented].map((p) => `Patient/${p}`)],
    );
    // More than one page of 200 for the five (each 45 to 49 Encounters, one search).
    expect(cached.map((c) => c.patient_ref).sort()).toEqual(
      consented.map((p) => `Patient/${p}`).sort(),
    );
    expect(cached.reduce((sum, c) => sum + c.n, 0)).toBeGreaterThan(200);

    const section = await figures();
    expect(section.consented).toEqual(shown(5));
    const figure = (setting: string, months: number) =>
      section.overall.find((f) => f.setting === setting && f.months === months);
    // GP, 6 months: 20 before each; 15 to 19 after; differences -5 to -1: mean -3, SD 1.5811,
    // 95% CI -3 ± 2.776 × 1.5811 / √5 = -4.96 to -1.04.
    expect(figure('gp', 6)).toMatchObject({
      people: shown(5),
      followedUp: shown(5),
      meanBefore: shown(20),
      meanAfter: shown(17),
      meanDifference: shown(-3),
      ciLow: shown(-4.96),
      ciHigh: shown(-1.04),
    });
    // 12 months: 23 before, 17 to 21 after: mean difference -4.
    expect(figure('gp', 12)).toMatchObject({ meanBefore: shown(23), meanDifference: shown(-4) });
    // One emergency attendance before each, none after (the cancelled one does not count).
    expect(figure('emergency', 6)).toMatchObject({
      meanBefore: shown(1),
      meanAfter: shown(0),
      meanDifference: shown(-1),
    });
    expect(figure('admission', 12)).toMatchObject({ meanBefore: shown(0.2), meanAfter: shown(0) });
    expect(section.byPractice.find((f) => f.setting === 'gp' && f.months === 6)).toMatchObject({
      group: 'Test Surgery',
      followedUp: shown(5),
    });

    // The manager's report carries the same section.
    const report = await api<{ healthcareUse?: insights.HealthcareUseSection }>(
      adapter,
      'GET',
      '/api/insights',
      undefined,
      as(manager),
    );
    expect(report.body.healthcareUse?.overall).toEqual(section.overall);
  });

  it('reads nothing again once every window is read, and drops a withdrawn person', async () => {
    expect(await refreshed()).toMatchObject({ status: 'done', patients: 0 });
    const [first] = consented;
    await adapter.db.query(
      `UPDATE case_consents SET status = 'inactive', withdrawn_at = now()
       WHERE case_id = (SELECT id FROM cases WHERE patient_ref = $1)`,
      [`Patient/${first ?? ''}`],
    );
    const job = await api<{ dropped: number }>(
      adapter,
      'POST',
      '/api/insights/healthcare-use/refresh',
      undefined,
      as(manager),
    );
    expect(job.status).toBe(202);
    const left = await adapter.db.query('SELECT 1 FROM patient_encounters WHERE patient_ref = $1', [
      `Patient/${first ?? ''}`,
    ]);
    expect(left).toEqual([]);
    const section = await figures();
    expect(section.consented).toEqual({ value: null, suppressed: true });
    expect(section.overall[0]?.people).toEqual({ value: null, suppressed: true });
  });
});
