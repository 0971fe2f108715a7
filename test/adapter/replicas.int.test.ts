import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle, Goal, Subscription, Task } from 'fhir/r4';
import { Client } from 'pg';
import { freePort } from '@linkwell/service-kit';
import { CaseStore, openDatabase, type Database } from '@linkwell/fhir-server-adapter';
import { startAdapterProcess, type AdapterProcess } from './support/adapter-process';
import { gpReferralTransaction, supportBundle } from './support/referral';

// Two adapter processes on one PostgreSQL database draining the same outbox into the shared HAPI;
// the one holding the poller-and-Subscription lease is SIGKILLed mid-way. Every goal reaches HAPI
// exactly once (one resource, one version), every Task lists all its goals, and the survivor
// takes the lease and puts its own Subscriptions in place (the dead one's switched off).
jest.setTimeout(600_000);
const CASES = 4;
const GOALS_PER_CASE = 150;
const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const service = `replica-svc-${suffix}`;
const patient = `replica-pt-${suffix}`;
const gp = `replica-gp-${suffix}`;
const lw = `Practitioner/${service}-lw`;
const hapiBase = process.env.LINKWELL_TEST_FHIR_BASE ?? '';
let db: Database;
let adapters: AdapterProcess[] = [];

async function fhir<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path.startsWith('http') ? path : `${hapiBase}/${path}`, {
    method,
    headers: { 'content-type': 'application/fhir+json', accept: 'application/fhir+json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Every resource of a search, following the server's `next` links. */
async function everyPage<T>(search: string): Promise<T[]> {
  const found: T[] = [];
  let page: Bundle | undefined = await fhir<Bundle>('GET', search);
  while (page !== undefined) {
    found.push(...(page.entry ?? []).map((e) => e.resource as T));
    const next: string | undefined = page.link?.find((l) => l.relation === 'next')?.url;
    page = next === undefined ? undefined : await fhir<Bundle>('GET', next);
  }
  return found;
}

const count = async (sql: string): Promise<number> =>
  (await db.query<{ n: number }>(sql))[0]?.n ?? 0;

async function until(check: () => Promise<boolean>, what: string, ms = 240_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const drained = (a: AdapterProcess): number =>
  a.lines
    .filter((l) => l.event === 'sync.drained')
    .reduce((sum, l) => sum + Number(l.changesDone), 0);

beforeAll(async () => {
  const server = process.env.LINKWELL_TEST_DATABASE_URL ?? '';
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE replicas_${suffix}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/replicas_${suffix}`;
  db = await openDatabase({ databaseUrl: url.toString() });
  await fhir('POST', '', supportBundle({ patient, gp, service }, `replica-walk-${suffix}`));
  for (let i = 0; i < CASES; i += 1) {
    await fhir(
      'POST',
      '',
      gpReferralTransaction({ patient, gp, service, identifier: `replica-ref-${suffix}-${i}` }),
    );
  }
  const env = (name: string): Record<string, string> => ({
    ADAPTER_FHIR_BASE: hapiBase,
    ADAPTER_FHIR_AUTH: 'none',
    ADAPTER_SERVICE_ORG: service,
    DATABASE_URL: url.toString(),
    ADAPTER_DATA_DIR: mkdtempSync(join(tmpdir(), `linkwell-replica-${name}-`)),
    ADAPTER_INSTANCE_ID: name,
    ADAPTER_POLL_SECONDS: '1',
    ADAPTER_SYNC_SECONDS: '1',
    ADAPTER_SYNC_BATCH: '10',
    ADAPTER_LEASE_SECONDS: '3',
    ADAPTER_CLAIM_SECONDS: '5',
  });
  adapters = [
    startAdapterProcess('a', await freePort(), env('a')),
    startAdapterProcess('b', await freePort(), env('b')),
  ];
  await Promise.all(adapters.map((a) => a.waitFor((l) => l.event === 'adapter.started')));
});

afterAll(async () => {
  await Promise.all(adapters.map((a) => a.stop()));
  await (db as Database | undefined)?.close();
});

it('drains one outbox from two processes, one killed mid-way, every change in HAPI once', async () => {
  await until(async () => (await count('SELECT count(*)::int AS n FROM cases')) === CASES, 'cases');
  const holderName = (await db.query<{ holder: string }>('SELECT holder FROM leases'))[0]?.holder;
  const holder = adapters.find((a) => a.name === holderName);
  const survivor = adapters.find((a) => a.name !== holderName);
  if (holder === undefined || survivor === undefined) throw new Error('no lease holder');
  const subscriptionsAt = (a: AdapterProcess): Promise<Bundle> =>
    fhir<Bundle>('GET', `Subscription?url=${encodeURIComponent(`${a.url}/fhir-hook`)}`);
  await until(async () => (await subscriptionsAt(holder)).entry?.length === 2, 'subscriptions');
  expect((await subscriptionsAt(survivor)).entry ?? []).toHaveLength(0);

  const cases = new CaseStore(db);
  const goalIds: string[] = [];
  const holdersSeen = new Set<string>();
  const watchClaims = async (): Promise<void> => {
    for (const row of await db.query<{ holder: string }>('SELECT holder FROM outbox_claims')) {
      holdersSeen.add(row.holder);
    }
  };
  // The cases' goals are added side by side, faster than two replicas drain them.
  await Promise.all(
    (await cases.listCases(service)).map(async (record) => {
      await cases.updateCase(
        record.id,
        { status: 'accepted', businessStatus: 'awaiting-contact' },
        lw,
      );
      for (let i = 0; i < GOALS_PER_CASE; i += 1) {
        const goal = await cases.addGoal({
          caseId: record.id,
          description: `Goal ${i}`,
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
        if (i % 10 === 0) await watchClaims();
      }
    }),
  );
  // Kill the lease holder once it has drained a good part of the outbox, not all of it.
  const total = CASES * (GOALS_PER_CASE + 1);
  await until(async () => {
    await watchClaims();
    // A good part but not all of the outbox is done: the holder is killed mid-way. Whether the
    // other took part so far depends on timing; that it finishes the rest is checked below.
    return (await count("SELECT count(*)::int AS n FROM outbox WHERE state = 'done'")) > total / 4;
  }, 'the outbox draining').catch(async (error: unknown) => {
    // What each replica was doing, for the failure message (events only, no record content).
    const events = adapters.map(
      (a) =>
        `${a.name}: ${a.lines
          .slice(-8)
          .map((l) => String(l.event))
          .join(' ')}`,
    );
    const done = await count("SELECT count(*)::int AS n FROM outbox WHERE state = 'done'");
    throw new Error(`${String(error)}; done ${done} of ${total}; ${events.join(' | ')}`);
  });
  expect(
    await count("SELECT count(*)::int AS n FROM outbox WHERE state = 'pending'"),
  ).toBeGreaterThan(0);
  await holder.kill();
  await until(
    async () => (await count("SELECT count(*)::int AS n FROM outbox WHERE state <> 'done'")) === 0,
    'the outbox drained by the survivor',
  );

  const onServer = await everyPage<Goal>(`Goal?subject=Patient/${patient}&_count=200`);
  expect(onServer).toHaveLength(goalIds.length);
  const identifiers = new Set(onServer.map((g) => g.identifier?.[0]?.value));
  expect(identifiers).toEqual(new Set(goalIds));
  expect(onServer.filter((g) => g.meta?.versionId !== '1')).toEqual([]);
  const tasks = await fhir<Bundle>('GET', `Task?owner=Organization/${service}`);
  expect(tasks.entry ?? []).toHaveLength(CASES);
  for (const entry of tasks.entry ?? []) {
    expect((entry.resource as Task).output ?? []).toHaveLength(GOALS_PER_CASE);
  }

  // The survivor holds the lease now and has put its Subscriptions in place.
  await until(
    async () => (await subscriptionsAt(survivor)).entry?.length === 2,
    'the survivor subscribed',
    60_000,
  );
  expect((await db.query<{ holder: string }>('SELECT holder FROM leases'))[0]?.holder).toBe(
    survivor.name,
  );
  const status = (bundle: Bundle): string[] =>
    (bundle.entry ?? []).map((e) => (e.resource as Subscription).status);
  expect(status(await subscriptionsAt(holder))).toEqual(['off', 'off']);
  expect(status(await subscriptionsAt(survivor))).not.toContain('off');
  expect(drained(survivor)).toBeGreaterThan(0);
});
