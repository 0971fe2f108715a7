import type { Database } from '../db/database';
import { openDatabase } from '../db/open';
import { LeaseStore } from './lease-store';
import { casesFilling, OutboxClaims } from './outbox-claims';

// Claims and leases between two holders on one store (in-memory PGlite; the same statements run on
// PostgreSQL in test/adapter/replicas.int.test.ts with real processes).
let db: Database;

beforeAll(async () => {
  db = await openDatabase({ inMemory: true });
}, 60_000);
afterAll(() => db.close());

beforeEach(async () => {
  await db.query('TRUNCATE cases, outbox, outbox_claims, leases CASCADE');
  for (const id of ['c1', 'c2']) {
    await db.query(
      `INSERT INTO cases (id, service_org, task_id, task_json, referral_ref, patient_ref, status,
         received_at, updated_at)
       VALUES ($1, 'svc', $1, '{}', 'ServiceRequest/r', 'Patient/p', 'accepted', now(), now())`,
      [id],
    );
  }
  // c1's rows are the oldest, interleaved with c2's.
  for (const caseId of ['c1', 'c1', 'c2', 'c1', 'c2']) {
    await db.query(
      `INSERT INTO outbox (case_id, kind, record_id, link_worker, created_at)
       VALUES ($1, 'goal', $1 || '-g', 'Practitioner/lw', now())`,
      [caseId],
    );
  }
});

const lapse = (table: 'outbox_claims' | 'leases'): Promise<unknown> =>
  db.query(`UPDATE ${table} SET until = now() - interval '1 second'`);

it('gives each holder whole cases, never a case another holder has claimed', async () => {
  const a = new OutboxClaims(db, 'a', 60);
  const b = new OutboxClaims(db, 'b', 60);
  const first = await a.claim(2);
  expect(first.map((c) => c.caseId)).toEqual(['c1', 'c1']);
  const second = await b.claim(10);
  expect(second.map((c) => c.caseId)).toEqual(['c2', 'c2']);
  // A claims again: its own case still, the rest of c1's rows; nothing of c2.
  expect((await a.claim(10)).map((c) => c.caseId)).toEqual(['c1', 'c1', 'c1']);
  expect(await b.claim(10)).toHaveLength(2);
});

it('lets another holder take a case once its claim is released or has lapsed', async () => {
  const a = new OutboxClaims(db, 'a', 60);
  const b = new OutboxClaims(db, 'b', 60);
  await a.claim(10);
  expect(await b.claim(10)).toEqual([]);
  await a.release();
  expect(new Set((await b.claim(10)).map((c) => c.caseId))).toEqual(new Set(['c1', 'c2']));
  expect(await a.claim(10)).toEqual([]);
  await lapse('outbox_claims');
  expect(await a.claim(10)).toHaveLength(5);
});

it('claims only pending rows', async () => {
  await db.query("UPDATE outbox SET state = 'done' WHERE case_id = 'c1'");
  expect((await new OutboxClaims(db, 'a', 60).claim(10)).map((c) => c.caseId)).toEqual([
    'c2',
    'c2',
  ]);
});

it('holds a lease for one holder until it lapses or is released', async () => {
  const leases = new LeaseStore(db);
  expect(await leases.acquire('inbound', 'a', 30)).toBe(true);
  expect(await leases.acquire('inbound', 'b', 30)).toBe(false);
  expect(await leases.acquire('inbound', 'a', 30)).toBe(true);
  expect(await leases.holderOf('inbound')).toBe('a');
  await lapse('leases');
  expect(await leases.holderOf('inbound')).toBeUndefined();
  expect(await leases.acquire('inbound', 'b', 30)).toBe(true);
  expect(await leases.acquire('inbound', 'a', 30)).toBe(false);
  await leases.release('inbound', 'a');
  expect(await leases.holderOf('inbound')).toBe('b');
  await leases.release('inbound', 'b');
  expect(await leases.acquire('inbound', 'a', 30)).toBe(true);
});

it("claims only its own EHR endpoint's cases when given one", async () => {
  await db.query("UPDATE cases SET endpoint = 'south' WHERE id = 'c1'");
  const north = new OutboxClaims(db, 'a/north', 60, 'default');
  const south = new OutboxClaims(db, 'a/south', 60, 'south');
  // c1 (south) has the oldest rows; the default endpoint's claimer passes over them.
  expect((await north.claim(10)).map((c) => c.caseId)).toEqual(['c2', 'c2']);
  expect((await south.claim(10)).map((c) => c.caseId)).toEqual(['c1', 'c1', 'c1']);
  expect(await new OutboxClaims(db, 'a/west', 60, 'west').claim(10)).toEqual([]);
});

it('fills a batch from as few cases as it can, oldest row first', async () => {
  // Ten more rows for each case, interleaved: one row per case would make every batch touch both.
  for (let i = 0; i < 10; i += 1) {
    for (const caseId of ['c2', 'c1']) {
      await db.query(
        `INSERT INTO outbox (case_id, kind, record_id, link_worker, created_at)
         VALUES ($1, 'goal', $1 || '-g' || $2, 'Practitioner/lw', now())`,
        [caseId, String(i)],
      );
    }
  }
  const a = new OutboxClaims(db, 'a', 60);
  expect(new Set((await a.claim(8)).map((c) => c.caseId))).toEqual(new Set(['c1']));
  await db.query("UPDATE outbox SET state = 'done' WHERE case_id = 'c1'");
  await a.release();
  expect(new Set((await a.claim(8)).map((c) => c.caseId))).toEqual(new Set(['c2']));
});

it("takes all of the oldest case's rows before the next case's, each case in order", async () => {
  // Rows c1, c1, c2, c1, c2 (beforeEach): a batch of 4 claims both cases; c1's three rows first.
  const a = new OutboxClaims(db, 'a', 60);
  const batch = await a.claim(4);
  expect(batch.map((c) => c.caseId)).toEqual(['c1', 'c1', 'c1', 'c2']);
  const c1 = batch.filter((c) => c.caseId === 'c1').map((c) => c.seq);
  expect(c1).toEqual([...c1].sort((x, y) => x - y));
});

it('chooses the cases whose rows fill the batch, the oldest row’s case first', () => {
  expect(casesFilling(['c1', 'c2', 'c1', 'c3', 'c2', 'c1'], 3)).toEqual(['c1']);
  expect(casesFilling(['c1', 'c2', 'c1', 'c3', 'c2', 'c1'], 4)).toEqual(['c1', 'c2']);
  expect(casesFilling(['c3', 'c1', 'c2'], 1)).toEqual(['c3']);
  expect(casesFilling(['c3', 'c1', 'c2'], 10)).toEqual(['c3', 'c1', 'c2']);
  expect(casesFilling([], 5)).toEqual([]);
});

describe('deferrable Tasks', () => {
  const pendingTaskRows = async (caseId: string): Promise<number[]> =>
    (
      await db.query<{ seq: string }>(
        "SELECT seq FROM outbox WHERE case_id = $1 AND kind = 'task' AND state = 'pending' ORDER BY seq",
        [caseId],
      )
    ).map((row) => Number(row.seq));

  it('defers the Task of a case with rows behind the batch, queueing one Task row after them', async () => {
    const claims = new OutboxClaims(db, 'a', 60);
    const batch = await claims.claim(2);
    expect(batch.map((c) => c.caseId)).toEqual(['c1', 'c1']);
    expect((await claims.deferrableTasks(batch)).cases).toEqual(new Set(['c1']));
    const [marker] = await pendingTaskRows('c1');
    expect(marker).toBeGreaterThan(Math.max(...batch.map((c) => c.seq)));
    // Asked again (a retried or stalled batch), the Task row already waits: no second one.
    await claims.deferrableTasks(batch);
    expect(await pendingTaskRows('c1')).toEqual([marker]);
  });

  it('writes the Task now when nothing is behind the batch', async () => {
    const claims = new OutboxClaims(db, 'a', 60);
    const all = await claims.deferrableTasks(await claims.claim(10));
    expect(all.cases).toEqual(new Set());
    expect(all.superseded).toEqual(new Set());
  });

  it('supersedes a Task row in the batch when more records are queued behind it', async () => {
    const claims = new OutboxClaims(db, 'a', 60);
    // c2: goal, goal, its Task (queued by a sync that ran meanwhile), then one more goal.
    for (const kind of ['task', 'goal']) {
      await db.query(
        `INSERT INTO outbox (case_id, kind, record_id, link_worker, created_at)
         VALUES ('c2', $1, 'c2', 'Practitioner/lw', now())`,
        [kind],
      );
    }
    const c2 = (await claims.claim(10)).filter((c) => c.caseId === 'c2');
    expect(c2.map((c) => c.kind)).toEqual(['goal', 'goal', 'task', 'goal']);
    const [inBatch] = await pendingTaskRows('c2');
    const deferred = await claims.deferrableTasks(c2.slice(0, 3));
    expect(deferred.cases).toEqual(new Set(['c2']));
    expect(deferred.superseded).toEqual(new Set([inBatch]));
    // The batch's own Task row is done; one pending Task row waits behind the last goal.
    const [marker] = await pendingTaskRows('c2');
    expect(await pendingTaskRows('c2')).toHaveLength(1);
    expect(marker).toBeGreaterThan(Math.max(...c2.map((c) => c.seq)));
    // The whole queue in one batch: nothing behind, the Task row is written with it.
    const rest = (await claims.claim(10)).filter((c) => c.caseId === 'c2');
    expect(rest.map((c) => c.kind)).toEqual(['goal', 'goal', 'goal', 'task']);
    const whole = await claims.deferrableTasks(rest);
    expect(whole.cases).toEqual(new Set());
    expect(whole.superseded).toEqual(new Set());
  });
});
