import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle, BundleEntry, Encounter, FhirResource } from 'fhir/r4';
import { SERVICE_MANAGER_ROLE, V3_ACT_CODE } from '@linkwell/profiles';
import { startHapi, type HapiServer } from '@linkwell/hapi';
import { freePort } from '@linkwell/service-kit';
import { insights, type RunningAdapter } from '@linkwell/fhir-server-adapter';
import { fhirAt, uniqueId } from '../../support/fhir-http';
import { api, startTestAdapter } from '../support/adapter-env';

// Healthcare use with two EHR endpoints behind one adapter: the run's shared HAPI ("practice-a")
// and a HAPI of this test's own ("practice-b"), both reached directly (auth `none`). The same five
// Patient ids live on both servers with different Encounters; each practice's figures come from
// its own server. With practice-b away, a refresh reads practice-a's people and leaves only
// practice-b's stale.
jest.setTimeout(600_000);
const service = uniqueId('hcu-multi');
const manager = `${service}-mgr`;
const people = [0, 1, 2, 3, 4].map((i) => uniqueId(`hcu-m${String(i)}`));
const baseA = process.env.LINKWELL_TEST_FHIR_BASE ?? '';
const profilesDir = join(__dirname, '..', '..', '..', 'profiles', 'fhir');
let hapiB: HapiServer | undefined;
let adapter: RunningAdapter | undefined;

const DAY = 86_400_000;
const today = new Date().toISOString().slice(0, 10);
const dayFrom = (base: string, days: number): string =>
  new Date(Date.parse(`${base}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
// Referred 400 days ago: both windows have passed for everyone.
const referred = dayFrom(today, -400);
// GP consultations per person on each server, before and after referral (within 6 months).
const GP = { 'practice-a': { before: 4, after: 2 }, 'practice-b': { before: 9, after: 7 } };

const put = (resource: FhirResource): BundleEntry => ({
  resource,
  request: { method: 'PUT', url: `${resource.resourceType}/${resource.id ?? ''}` },
});

function gpEncounters(patient: string, before: number, after: number): Encounter[] {
  const offsets = [
    ...Array.from({ length: before }, (_, k) => -10 - k * 15),
    ...Array.from({ length: after }, (_, k) => 10 + k * 15),
  ];
  return offsets.map((offset, k) => ({
    resourceType: 'Encounter',
    id: `${patient}-gp${String(k)}`,
    status: 'finished',
    class: { system: V3_ACT_CODE, code: 'AMB' },
    type: [{ coding: [{ system: 'http://snomed.info/sct', code: '185349003' }] }],
    subject: { reference: `Patient/${patient}` },
    period: { start: `${dayFrom(referred, offset)}T10:00:00Z` },
  }));
}

/** The five Patients and their GP Encounters on one server (the same ids on both). */
async function seed(base: string, endpoint: keyof typeof GP, team: BundleEntry[]): Promise<void> {
  const { before, after } = GP[endpoint];
  await fhirAt(base, 'POST', '', {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      ...team,
      ...people.map((id) => put({ resourceType: 'Patient', id, name: [{ family: endpoint }] })),
      ...people.flatMap((id) => gpEncounters(id, before, after).map(put)),
    ],
  } satisfies Bundle);
}

const running = (): RunningAdapter => {
  if (adapter === undefined) throw new Error('no adapter');
  return adapter;
};
const asManager = { authorization: `Bearer ${manager}` };

beforeAll(async () => {
  const portB = await freePort();
  hapiB = await startHapi({ database: 'mem', profilesDir, port: portB });
  await seed(baseA, 'practice-a', [
    put({ resourceType: 'Organization', id: service, name: 'Link workers' }),
    put({ resourceType: 'Practitioner', id: manager, name: [{ family: 'Manager' }] }),
    put({
      resourceType: 'PractitionerRole',
      id: `${manager}-role`,
      active: true,
      practitioner: { reference: `Practitioner/${manager}` },
      organization: { reference: `Organization/${service}` },
      code: [{ coding: [SERVICE_MANAGER_ROLE] }],
    }),
  ]);
  await seed(hapiB.baseUrl, 'practice-b', []);
  const endpointsFile = join(mkdtempSync(join(tmpdir(), 'linkwell-endpoints-')), 'ehr.json');
  writeFileSync(
    endpointsFile,
    JSON.stringify([
      { id: 'practice-a', name: 'Practice A', fhirBase: baseA, fhirAuth: 'none' },
      { id: 'practice-b', name: 'Practice B', fhirBase: hapiB.baseUrl, fhirAuth: 'none' },
    ]),
  );
  adapter = await startTestAdapter(
    baseA,
    service,
    { ADAPTER_EHR_ENDPOINTS: endpointsFile },
    {
      authenticate: (authorization) =>
        Promise.resolve({
          practitioner: `Practitioner/${(authorization ?? '').replace(/^Bearer /, '')}`,
          serviceOrg: service,
        }),
    },
  );
  // One case per person on each endpoint, for the same Patient id, at its own practice.
  await insights.writeSyntheticCases(
    adapter.db,
    (['practice-a', 'practice-b'] as const).flatMap((endpoint) =>
      people.map((patient, i): insights.SyntheticCase => ({
        id: `${service}-${endpoint}-${String(i)}`,
        serviceOrg: service,
        endpoint,
        taskId: `${service}-task-${String(i)}`,
        referralRef: `ServiceRequest/${service}-${String(i)}`,
        patientRef: `Patient/${patient}`,
        status: 'in-progress',
        receivedAt: `${referred}T10:00:00.000Z`,
        facts: {
          referredAt: `${referred}T10:00:00.000Z`,
          practice: endpoint === 'practice-a' ? 'Surgery A' : 'Surgery B',
          needs: ['loneliness'],
          birthDate: undefined,
          sex: undefined,
          ethnicity: undefined,
          postcode: undefined,
        },
        consent: 'shared',
      })),
    ),
  );
}, 300_000);
afterAll(async () => {
  await adapter?.stop();
  await hapiB?.stop();
});

interface RefreshView {
  status: string;
  patients: number;
  read: number;
  failedEndpoints: string[];
  failedRecordNames: string[];
}

async function refreshed(): Promise<RefreshView> {
  const started = await api<RefreshView>(
    running(),
    'POST',
    '/api/insights/healthcare-use/refresh',
    undefined,
    asManager,
  );
  expect(started.status).toBe(202);
  let job = started.body;
  for (let i = 0; i < 300 && job.status === 'running'; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    job = (
      await api<RefreshView>(
        running(),
        'GET',
        '/api/insights/healthcare-use/refresh',
        undefined,
        asManager,
      )
    ).body;
  }
  return job;
}

async function gpByPractice(): Promise<Record<string, unknown>> {
  const response = await api<insights.HealthcareUseSection>(
    running(),
    'GET',
    '/api/insights/healthcare-use',
    undefined,
    asManager,
  );
  expect(response.status).toBe(200);
  return Object.fromEntries(
    response.body.byPractice
      .filter((f) => f.setting === 'gp' && f.months === 6)
      .map((f) => [f.group, [f.people.value, f.meanBefore.value, f.meanAfter.value]]),
  );
}

const readsByEndpoint = async (): Promise<Record<string, number>> =>
  Object.fromEntries(
    (
      await running().db.query<{ endpoint: string; n: number }>(
        `SELECT endpoint, count(*)::integer AS n FROM encounter_reads
         WHERE patient_ref = ANY($1::text[]) GROUP BY endpoint`,
        [people.map((p) => `Patient/${p}`)],
      )
    ).map((r) => [r.endpoint, r.n]),
  );

it('reads each endpoint’s people from their own EHR: the same Patient id, its own figures', async () => {
  expect(await refreshed()).toMatchObject({
    status: 'done',
    patients: 10,
    read: 10,
    failedEndpoints: [],
    failedRecordNames: [],
  });
  expect(await readsByEndpoint()).toEqual({ 'practice-a': 5, 'practice-b': 5 });
  // People, mean GP consultations 6 months before and after: each practice's from its server.
  expect(await gpByPractice()).toEqual({
    'Surgery A': [5, GP['practice-a'].before, GP['practice-a'].after],
    'Surgery B': [5, GP['practice-b'].before, GP['practice-b'].after],
  });
});

it('with one EHR away, reads the other’s people and leaves only its own stale', async () => {
  await running().db.query('DELETE FROM encounter_reads WHERE patient_ref = ANY($1::text[])', [
    people.map((p) => `Patient/${p}`),
  ]);
  await hapiB?.stop();
  hapiB = undefined;
  expect(await refreshed()).toMatchObject({
    status: 'failed',
    patients: 10,
    read: 5,
    failedEndpoints: ['practice-b'],
    failedRecordNames: ['Practice B'],
  });
  expect(await readsByEndpoint()).toEqual({ 'practice-a': 5 });
  const figures = await gpByPractice();
  expect(figures['Surgery A']).toEqual([5, GP['practice-a'].before, GP['practice-a'].after]);
  expect(figures['Surgery B']).toBeUndefined();
});
