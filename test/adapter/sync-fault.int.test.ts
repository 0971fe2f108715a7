import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle } from 'fhir/r4';
import { LINKWELL_IDENTIFIER_SYSTEMS } from '@linkwell/profiles';
import { startHapi, type HapiServer } from '@linkwell/hapi';
import { freePort } from '@linkwell/service-kit';
import type { RunningAdapter } from '@linkwell/fhir-server-adapter';
import { startTestAdapter } from './support/adapter-env';
import { gpReferralTransaction, supportBundle } from './support/referral';

// The one test with its own HAPI (file database, so it survives a restart): stop HAPI in the middle
// of syncing a few hundred changes, start it again, let sync finish; every resource exists once.
jest.setTimeout(900_000);
const GOALS = 300;
const service = 'fault-svc';
let hapi: HapiServer;
let adapter: RunningAdapter;
const dbFile = join(mkdtempSync(join(tmpdir(), 'linkwell-fault-')), 'hapi');
const profilesDir = join(__dirname, '..', '..', 'profiles', 'fhir');
let port = 0;

async function fhir<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${hapi.baseUrl}/${path}`, {
    method,
    headers: { 'content-type': 'application/fhir+json', accept: 'application/fhir+json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

beforeAll(async () => {
  port = await freePort();
  hapi = await startHapi({ database: { file: dbFile }, profilesDir, port });
  await fhir(
    'POST',
    '',
    supportBundle({ patient: 'fault-pt', gp: 'fault-gp', service }, 'fault-walk'),
  );
  await fhir(
    'POST',
    '',
    gpReferralTransaction({
      patient: 'fault-pt',
      gp: 'fault-gp',
      service,
      identifier: 'fault-ref',
    }),
  );
  adapter = await startTestAdapter(hapi.baseUrl, service, { ADAPTER_SYNC_BATCH: '20' });
});
// Both may be missing when beforeAll failed part-way: stop what started, so no JVM outlives the test.
afterAll(async () => {
  await (adapter as RunningAdapter | undefined)?.stop();
  await (hapi as HapiServer | undefined)?.stop();
});

it('finishes after HAPI stops mid-sync, with every resource exactly once', async () => {
  await adapter.inbound.poll();
  const [record] = await adapter.cases.listCases(service);
  if (record === undefined) throw new Error('no case');
  const lw = `Practitioner/${service}-lw`;
  await adapter.cases.updateCase(
    record.id,
    { status: 'accepted', businessStatus: 'awaiting-contact' },
    lw,
  );
  const goalIds: string[] = [];
  for (let i = 0; i < GOALS; i += 1) {
    const goal = await adapter.cases.addGoal({
      caseId: record.id,
      description: `Goal number ${i}`,
      lifecycleStatus: 'active',
      achievement: undefined,
      targetMeasure: undefined,
      targetDetail: undefined,
      targetDue: undefined,
      startDate: '2025-03-02',
      shared: true,
      linkWorker: lw,
    });
    goalIds.push(goal.id);
  }
  // Stop HAPI once a few batches went through.
  const syncing = adapter.outbound.run();
  for (;;) {
    const done = await adapter.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM outbox WHERE state = 'done'",
    );
    if ((done[0]?.n ?? 0) > 60) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await hapi.stop();
  const first = await syncing;
  expect(first.stalled).toBe(true);
  hapi = await startHapi({ database: { file: dbFile }, profilesDir, port });
  for (let runs = 0; runs < 10 && (await adapter.outbound.run()).stalled; runs += 1) {
    await new Promise((r) => setTimeout(r, 2000));
  }
  const goals = await fhir<Bundle>(
    'GET',
    `Goal?identifier=${LINKWELL_IDENTIFIER_SYSTEMS.goal}|&_summary=count`,
  );
  expect(goals.total).toBe(GOALS);
  for (const id of [goalIds[0], goalIds[70], goalIds[GOALS - 1]]) {
    const one = await fhir<Bundle>(
      'GET',
      `Goal?identifier=${LINKWELL_IDENTIFIER_SYSTEMS.goal}|${id ?? ''}&_summary=count`,
    );
    expect(one.total).toBe(1);
  }
  const tasks = await fhir<Bundle>('GET', `Task?owner=Organization/${service}`);
  expect(tasks.total).toBe(1);
  expect((tasks.entry?.[0]?.resource as { output?: unknown[] }).output).toHaveLength(GOALS);
  expect((await adapter.outbound.run()).requests).toBe(0);
});
