import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle } from 'fhir/r4';
import { LINKWELL_IDENTIFIER_SYSTEMS } from '@linkwell/profiles';
import { startHapi, type HapiServer } from '@linkwell/hapi';
import { freePort } from '@linkwell/service-kit';
import { SyncStore, type CaseRecord, type RunningAdapter } from '@linkwell/fhir-server-adapter';
import { fhirAt } from '../support/fhir-http';
import { api, startTestAdapter } from './support/adapter-env';
import { createdRef, gpReferralTransaction, supportBundle } from './support/referral';

// Two EHR endpoints behind one adapter: the run's shared HAPI ("practice-a") and a HAPI of this
// test's own on a file database ("practice-b"), both reached directly (auth `none`). Each case's
// writes land on its own server only; with practice-b stopped, practice-a keeps syncing while
// practice-b's changes wait; once practice-b is back its changes drain, each exactly once.
jest.setTimeout(900_000);
const service = `multi-${randomUUID().slice(0, 8)}`;
const patient = `${service}-pt`;
const gp = `${service}-gp`;
const lw = `Practitioner/${service}-lw` as const;
const worker = { practitioner: lw, serviceOrg: service } as const;
const baseA = process.env.LINKWELL_TEST_FHIR_BASE ?? '';
const profilesDir = join(__dirname, '..', '..', 'profiles', 'fhir');
const dbFile = join(mkdtempSync(join(tmpdir(), 'linkwell-multi-')), 'hapi');
let hapiB: HapiServer | undefined;
let portB = 0;
let adapter: RunningAdapter | undefined;

const baseB = (): string => hapiB?.baseUrl ?? `http://localhost:${portB}/fhir`;

/** How many Goals with this record id the server has. */
async function goalsOn(base: string, goalId: string): Promise<number> {
  const found = await fhirAt<Bundle>(
    base,
    'GET',
    `Goal?identifier=${LINKWELL_IDENTIFIER_SYSTEMS.goal}|${goalId}&_summary=count`,
  );
  return found.total ?? 0;
}

/** Seeds a server with the practice's support resources (the patient's name tells them apart). */
async function seed(base: string, family: string): Promise<void> {
  await fhirAt(base, 'POST', '', supportBundle({ patient, gp, service }, `${service}-walk`));
  await fhirAt(base, 'PUT', `Patient/${patient}`, {
    resourceType: 'Patient',
    id: patient,
    name: [{ family }],
  });
  await fhirAt(
    base,
    'POST',
    '',
    gpReferralTransaction({ patient, gp, service, identifier: `${service}-${family}` }),
  );
}

const running = (): RunningAdapter => {
  if (adapter === undefined) throw new Error('no adapter');
  return adapter;
};

async function addGoal(caseId: string, description: string): Promise<string> {
  const goal = await running().cases.addGoal({
    caseId,
    description,
    lifecycleStatus: 'active',
    achievement: undefined,
    targetMeasure: undefined,
    targetDetail: undefined,
    targetDue: undefined,
    startDate: '2025-03-02',
    shared: true,
    linkWorker: lw,
  });
  return goal.id;
}

async function pendingOf(caseId: string): Promise<number> {
  const rows = await running().db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM outbox WHERE case_id = $1 AND state = 'pending'",
    [caseId],
  );
  return rows[0]?.n ?? 0;
}

beforeAll(async () => {
  portB = await freePort();
  hapiB = await startHapi({ database: { file: dbFile }, profilesDir, port: portB });
  await seed(baseA, 'Alpha');
  await seed(baseB(), 'Bravo');
  const endpointsFile = join(mkdtempSync(join(tmpdir(), 'linkwell-endpoints-')), 'ehr.json');
  writeFileSync(
    endpointsFile,
    JSON.stringify([
      { id: 'practice-a', name: 'Practice A', fhirBase: baseA, fhirAuth: 'none' },
      { id: 'practice-b', name: 'Practice B', fhirBase: baseB(), fhirAuth: 'none' },
    ]),
  );
  adapter = await startTestAdapter(
    baseA,
    service,
    { ADAPTER_EHR_ENDPOINTS: endpointsFile, ADAPTER_ENDPOINT_BACKOFF_SECONDS: '60' },
    { authenticate: () => Promise.resolve(worker) },
  );
});
// Stop what started, so no JVM outlives the test.
afterAll(async () => {
  await adapter?.stop();
  await hapiB?.stop();
});

it('keeps each case on its own EHR, and a down EHR delays only its own sync', async () => {
  const a = running();
  for (const connection of a.endpoints.values()) await connection.inbound.poll();
  const cases = await a.cases.listCases(service);
  const caseA = cases.find((c) => c.endpoint === 'practice-a');
  const caseB = cases.find((c) => c.endpoint === 'practice-b');
  expect(cases).toHaveLength(2);
  if (caseA === undefined || caseB === undefined) throw new Error('a case is missing');

  // Reads for a case go to its endpoint: the same patient id is Alpha on A and Bravo on B.
  const nameOf = async (record: CaseRecord): Promise<unknown> =>
    (
      await api<{ referral: { patient: { name: string } } }>(
        a,
        'GET',
        `/api/cases/${record.id}/details`,
      )
    ).body.referral.patient.name;
  expect(await nameOf(caseA)).toBe('Alpha');
  expect(await nameOf(caseB)).toBe('Bravo');

  // Changes on both cases: each case's writes on its own server only.
  for (const record of [caseA, caseB]) {
    await a.cases.updateCase(
      record.id,
      { status: 'accepted', businessStatus: 'awaiting-contact' },
      lw,
    );
  }
  const firstA = await addGoal(caseA.id, 'Join the walking group');
  const firstB = await addGoal(caseB.id, 'Visit the library');
  expect((await a.outbound.run()).stalled).toBe(false);
  expect([await goalsOn(baseA, firstA), await goalsOn(baseB(), firstA)]).toEqual([1, 0]);
  expect([await goalsOn(baseA, firstB), await goalsOn(baseB(), firstB)]).toEqual([0, 1]);
  const taskOn = async (base: string, record: CaseRecord): Promise<string | undefined> =>
    (await fhirAt<{ status?: string }>(base, 'GET', `Task/${record.taskId}`)).status;
  expect(await taskOn(baseA, caseA)).toBe('accepted');
  expect(await taskOn(baseB(), caseB)).toBe('accepted');

  // Practice B goes down; changes on both cases.
  await hapiB?.stop();
  hapiB = undefined;
  const secondA = await addGoal(caseA.id, 'Try the lunch club');
  const secondB = await addGoal(caseB.id, 'Call a friend weekly');
  const run = a.outbound.run();
  // A's change lands while B's run fails against the stopped server (retried, then stalled).
  for (let i = 0; i < 200 && (await goalsOn(baseA, secondA)) === 0; i += 1) {
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(await goalsOn(baseA, secondA)).toBe(1);
  expect((await run).stalled).toBe(true);
  expect(await pendingOf(caseB.id)).toBeGreaterThan(0);
  expect(await pendingOf(caseA.id)).toBe(0);
  expect([...a.outbound.waiting().keys()]).toEqual(['practice-b']);

  // While B waits out its backoff, a scheduled run still drains A (and leaves B alone).
  const thirdA = await addGoal(caseA.id, 'Garden with neighbours');
  const tick = await a.outbound.tick();
  expect(tick.stalled).toBe(false);
  expect(await goalsOn(baseA, thirdA)).toBe(1);
  expect(await pendingOf(caseB.id)).toBeGreaterThan(0);

  // B is back (its file database kept the data): its changes drain, each exactly once.
  hapiB = await startHapi({ database: { file: dbFile }, profilesDir, port: portB });
  for (let runs = 0; runs < 10 && (await a.outbound.run()).stalled; runs += 1) {
    await new Promise((r) => setTimeout(r, 2000));
  }
  expect(await pendingOf(caseB.id)).toBe(0);
  for (const goal of [firstB, secondB]) {
    expect([await goalsOn(baseA, goal), await goalsOn(baseB(), goal)]).toEqual([0, 1]);
  }
  for (const goal of [firstA, secondA, thirdA]) {
    expect([await goalsOn(baseA, goal), await goalsOn(baseB(), goal)]).toEqual([1, 0]);
  }
  const allOnB = await fhirAt<Bundle>(
    baseB(),
    'GET',
    `Goal?identifier=${LINKWELL_IDENTIFIER_SYSTEMS.goal}|&_summary=count`,
  );
  expect(allOnB.total).toBe(2);
  const taskB = await fhirAt<{ output?: unknown[] }>(baseB(), 'GET', `Task/${caseB.taskId}`);
  expect(taskB.output).toHaveLength(2);
  expect(a.outbound.waiting().size).toBe(0);
  expect((await a.outbound.run()).requests).toBe(0);
});

it("takes a notification at an endpoint's own hook path from that endpoint's server", async () => {
  const a = running();
  const response = await fhirAt<Bundle>(
    baseB(),
    'POST',
    '',
    gpReferralTransaction({ patient, gp, service, identifier: `${service}-notified` }),
  );
  const taskRef = createdRef(response, 'Task');
  if (taskRef === undefined) throw new Error('no Task created');
  const secret = await new SyncStore(a.db).getState('hook-secret');
  const task = await fhirAt<object>(baseB(), 'GET', taskRef);
  const notify = (path: string) =>
    fetch(`${a.url}${path}/${taskRef}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${secret ?? ''}`, 'content-type': 'application/fhir+json' },
      body: JSON.stringify(task),
    });
  expect((await notify('/fhir-hook/practice-b')).status).toBe(200);
  const opened = (await a.cases.listCases(service)).filter(
    (c) => c.taskId === taskRef.replace('Task/', ''),
  );
  expect(opened.map((c) => c.endpoint)).toEqual(['practice-b']);
  expect(a.endpoints.get('practice-b')?.hookEndpoint).toBe(
    // ADAPTER_PORT=1 in the test adapter's environment: its public URL.
    'http://localhost:1/fhir-hook/practice-b',
  );
});

it('takes the same Task id from two endpoints as two cases', async () => {
  const a = running();
  const task = {
    resourceType: 'Task' as const,
    id: `${service}-same-task`,
    status: 'requested' as const,
    intent: 'order' as const,
  };
  const opened = [];
  for (const endpoint of ['practice-a', 'practice-b', 'practice-a']) {
    opened.push(
      await a.cases.ingestTask({
        serviceOrg: `${service}-other`,
        task,
        referralRef: 'ServiceRequest/x',
        patientRef: 'Patient/x',
        endpoint,
      }),
    );
  }
  expect(opened.map((o) => [o.created, o.record.endpoint])).toEqual([
    [true, 'practice-a'],
    [true, 'practice-b'],
    [false, 'practice-a'],
  ]);
  expect(opened[2]?.record.id).toBe(opened[0]?.record.id);
});
