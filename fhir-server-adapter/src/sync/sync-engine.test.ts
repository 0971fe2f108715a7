import type { Bundle, Goal, Provenance, Task } from 'fhir/r4';
import { caseHolderOf, statusHistoryOf } from '@linkwell/profiles';
import type { Database } from '../db/database';
import { openDatabase } from '../db/open';
import { FhirGatewayError } from '../fhir/gateway';
import { MemoryGateway } from '@linkwell/test-kit';
import { silentLogger } from '../log';
import { CaseStore } from '../store/case-store';
import { OutboxClaims } from '../store/outbox-claims';
import { SyncStore } from '../store/sync-store';
import { OutboundSync } from './outbound';
import { LW, accept, emptyStore, goal, seedCase } from './plan-fixtures';
import { DirectoryNames } from './plan-names';

// The outbound sync engine against an in-memory FHIR gateway and an in-memory PGlite store.
let db: Database;
let gateway: MemoryGateway;
let cases: CaseStore;
let sync: SyncStore;
let directory: DirectoryNames;
let waits: number[];
const outbound = (batchSize = 50) =>
  new OutboundSync(cases, sync, gateway, silentLogger, {
    batchSize,
    directory,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  });

beforeAll(async () => {
  db = await openDatabase({ inMemory: true });
}, 60_000);
afterAll(() => db.close());

beforeEach(async () => {
  await emptyStore(db);
  gateway = new MemoryGateway();
  gateway.put({ resourceType: 'Practitioner', id: 'lw-1', name: [{ text: 'Aisha Begum' }] });
  cases = new CaseStore(db);
  sync = new SyncStore(db);
  directory = new DirectoryNames(gateway);
  waits = [];
  // Names are read once and cached, so failures injected below hit the transactions.
  await directory.nameOf(LW);
});

async function acceptedCase(id = 't1'): Promise<string> {
  const caseId = await seedCase(cases, db, gateway, id);
  await accept(cases, caseId);
  return caseId;
}

/** A gateway that refuses, as a server would, any transaction holding a Goal that says POISON. */
function refusingPoison(): void {
  const transaction = gateway.transaction.bind(gateway);
  gateway.transaction = (bundle: Bundle) => {
    const poisoned = (bundle.entry ?? []).some((e) => {
      const goal = e.resource?.resourceType === 'Goal' ? (e.resource as Goal) : undefined;
      return goal?.description.text?.includes('POISON') === true;
    });
    if (!poisoned) return transaction(bundle);
    return Promise.reject(
      new FhirGatewayError(422, 'HTTP 422', {
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code: 'invariant', diagnostics: 'Goal.description refused' }],
      }),
    );
  };
}

describe('outbound sync', () => {
  it('writes the Task status, history and holder, goals and outcomes with Provenance, then nothing on a rerun', async () => {
    const caseId = await acceptedCase();
    await cases.addGoal(goal(caseId, 'Join the walking group'));
    await cases.addNote({ caseId, author: LW, text: 'private: never leaves the store' });
    await cases.addAnswers({
      caseId,
      instrument: 'ucla3',
      timing: 'baseline',
      answers: { 'lack-companionship': 3, 'left-out': 2, isolated: 3 },
      authored: '2025-02-04T10:00:00.000Z',
      shared: true,
      linkWorker: LW,
    });
    const report = await outbound().run();
    expect(report).toMatchObject({ requests: 1, held: 0, stalled: false });
    const task = gateway.all<Task>('Task')[0] as Task;
    expect(task.status).toBe('accepted');
    expect(statusHistoryOf(task).map((s) => s.status)).toEqual(['requested', 'accepted']);
    expect(caseHolderOf(task)).toEqual({ reference: LW, display: 'Aisha Begum' });
    expect(task.output?.map((o) => o.type.text).sort()).toEqual(['Goal', 'Outcome measure']);
    expect(gateway.all('Goal')).toHaveLength(1);
    expect(gateway.all('Observation')).toHaveLength(1);
    expect(gateway.all('QuestionnaireResponse')).toHaveLength(1);
    // One Provenance for the link worker's writes in the transaction, naming every one of them.
    const provenance = gateway.all<Provenance>('Provenance');
    expect(provenance).toHaveLength(1);
    expect(provenance[0]?.agent[0]?.who.reference).toBe(LW);
    const types = ['Task', 'Goal', 'Observation', 'QuestionnaireResponse'] as const;
    const written = types.flatMap((type) => gateway.all(type).map((r) => `${type}/${r.id ?? ''}`));
    expect(provenance[0]?.target.map((t) => t.reference).sort()).toEqual(written.sort());
    expect(JSON.stringify([...gateway.resources.values()])).not.toContain('private');
    const writes = gateway.writes;
    expect((await outbound().run()).requests).toBe(0);
    await db.query(
      "INSERT INTO outbox (case_id, kind, record_id, link_worker, created_at) VALUES ($1, 'task', $1, $2, now())",
      [caseId, LW],
    );
    expect((await outbound().run()).requests).toBe(0);
    expect(gateway.writes).toBe(writes);
  });

  it('retries network errors, 429 and 5xx with doubling backoff', async () => {
    await acceptedCase();
    gateway.failNext(undefined, 429, 503);
    const report = await outbound().run();
    expect(report).toMatchObject({ stalled: false, requests: 4 });
    expect(waits).toEqual([500, 1000, 2000]);
    expect(gateway.all<Task>('Task')[0]?.status).toBe('accepted');
  });

  it('keeps changes pending when the server stays down', async () => {
    await acceptedCase();
    gateway.failNext(...Array<undefined>(10).fill(undefined));
    expect((await outbound().run()).stalled).toBe(true);
    expect(await sync.pendingCount()).toBe(1);
    expect((await outbound().run()).stalled).toBe(false);
    expect(await sync.pendingCount()).toBe(0);
  });

  it('re-reads and merges on a version conflict instead of overwriting', async () => {
    const caseId = await acceptedCase();
    const server = gateway.all<Task>('Task')[0] as Task & { id: string };
    gateway.resources.set('Task/t1', {
      ...server,
      note: [{ text: 'GP note' }],
      meta: { versionId: '2' },
    });
    const report = await outbound().run();
    expect(report.held).toBe(0);
    const task = gateway.all<Task>('Task')[0];
    expect(task).toMatchObject({ status: 'accepted', note: [{ text: 'GP note' }] });
    expect((await cases.getCase(caseId))?.task?.meta?.versionId).toBe('3');
  });

  it('holds the one record the server refuses, with its message, and syncs the rest', async () => {
    const caseId = await acceptedCase();
    refusingPoison();
    for (const text of ['Goal one', 'POISON goal', 'Goal three', 'Goal four'])
      await cases.addGoal(goal(caseId, text));
    const report = await outbound().run();
    const held = await sync.held();
    expect(held).toHaveLength(1);
    expect(report.held).toBe(1);
    expect(held[0]).toMatchObject({ kind: 'goal', message: 'Goal.description refused' });
    const written = gateway.all<Goal>('Goal').map((g) => g.description.text);
    expect(written.sort()).toEqual(['Goal four', 'Goal one', 'Goal three']);
    expect(gateway.all<Task>('Task')[0]?.output).toHaveLength(3);
    expect(await sync.pendingCount()).toBe(0);
  });

  it.each([
    ['an identifier-only', { identifier: { system: 'https://example.org/gp', value: 'G123' } }],
    ['an absolute', { reference: 'https://other.example/fhir/Practitioner/gp-9' }],
  ])('holds a Task with %s requester and syncs the other cases', async (_, requester) => {
    const bad = await seedCase(cases, db, gateway, 'bad', 'write-back', { requester });
    await accept(cases, bad);
    const good = await acceptedCase('good');
    await cases.addGoal(goal(good, 'Go swimming'));
    const report = await outbound().run();
    expect(report).toMatchObject({ held: 1, stalled: false });
    const [held] = await sync.held();
    expect(held).toMatchObject({ kind: 'task', caseId: bad });
    expect(held?.message).toMatch(/^The referral's Task could not be written: requester/);
    expect(gateway.resources.get('Task/good')).toMatchObject({ status: 'accepted' });
    expect(gateway.resources.get('Task/bad')).toMatchObject({ status: 'requested' });
    expect(gateway.all('Goal')).toHaveLength(1);
    // The next run does not pick the held change again.
    expect((await outbound().run()).requests).toBe(0);
  });

  it('batches many changes into few transactions', async () => {
    const caseId = await acceptedCase();
    for (let i = 0; i < 30; i += 1) await cases.addGoal(goal(caseId, `Goal ${i}`));
    const report = await outbound(10).run();
    expect(report.requests).toBe(4);
    expect(gateway.all('Goal')).toHaveLength(30);
    expect(gateway.all<Task>('Task')[0]?.output).toHaveLength(30);
  });

  it("with two lanes, sends two cases' batches at once, each case in one lane, every change once", async () => {
    const caseIds: string[] = [];
    for (const id of ['t1', 't2', 't3', 't4']) caseIds.push(await acceptedCase(id));
    await outbound().run();
    for (const [c, caseId] of caseIds.entries()) {
      for (let i = 0; i < 5; i += 1) await cases.addGoal(goal(caseId, `case ${c} goal ${i}`));
    }
    let inFlight = 0;
    let most = 0;
    const casesPerBundle: string[][] = [];
    const transaction = gateway.transaction.bind(gateway);
    gateway.transaction = async (bundle: Bundle) => {
      const goals = (bundle.entry ?? []).flatMap((e) =>
        e.resource?.resourceType === 'Goal' ? [(e.resource as Goal).description.text ?? ''] : [],
      );
      casesPerBundle.push([...new Set(goals.map((text) => text.split(' goal ')[0] ?? ''))]);
      inFlight += 1;
      most = Math.max(most, inFlight);
      // The server takes a while: it holds a transaction until the other lane has sent one too
      // (or a second has passed, when there is nothing else to send), however busy the machine.
      for (let waited = 0; inFlight < 2 && waited < 1000; waited += 10) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
      inFlight -= 1;
      return transaction(bundle);
    };
    const lanes = new OutboundSync(cases, sync, gateway, silentLogger, {
      batchSize: 5,
      directory,
      lanes: 2,
    });
    const report = await lanes.run();
    expect(most).toBe(2);
    expect(casesPerBundle).toHaveLength(4);
    for (const inBundle of casesPerBundle) expect(inBundle).toHaveLength(1);
    expect(new Set(casesPerBundle.flat()).size).toBe(4);
    expect(report.changesDone).toBeGreaterThanOrEqual(20);
    expect(
      gateway
        .all<Goal>('Goal')
        .map((g) => g.description.text)
        .sort(),
    ).toEqual(caseIds.flatMap((_, c) => [0, 1, 2, 3, 4].map((i) => `case ${c} goal ${i}`)).sort());
    expect(await sync.pendingCount()).toBe(0);
    expect(await db.query('SELECT * FROM outbox_claims')).toHaveLength(0);
    expect((await lanes.run()).requests).toBe(0);
  });

  it("writes a long queue's Task once at its end, not once per batch, with every output", async () => {
    const caseId = await acceptedCase();
    await outbound().run();
    for (let i = 0; i < 30; i += 1) await cases.addGoal(goal(caseId, `Goal ${i}`));
    const taskWrites: number[] = [];
    const transaction = gateway.transaction.bind(gateway);
    gateway.transaction = (bundle: Bundle) => {
      const entries = bundle.entry ?? [];
      taskWrites.push(entries.filter((e) => e.resource?.resourceType === 'Task').length);
      return transaction(bundle);
    };
    const report = await outbound(10).run();
    // Three batches of ten goals: the Task in the last one only, with all thirty; the Task row
    // queued behind them then has nothing left to write.
    expect(taskWrites).toEqual([0, 0, 1]);
    expect(report.requests).toBe(3);
    expect(gateway.all('Goal')).toHaveLength(30);
    expect(gateway.all<Task>('Task')[0]?.output).toHaveLength(30);
    expect(await sync.pendingCount()).toBe(0);
    expect((await outbound().run()).requests).toBe(0);
  });

  it('answers a call made while a run is ending only once the changes queued before it are written', async () => {
    const caseId = await acceptedCase();
    await outbound().run();
    // The run under way has found its outbox empty and is about to end when a change comes in.
    let foundEmpty: () => void = () => undefined;
    let goOn: () => void = () => undefined;
    const emptySeen = new Promise<void>((resolve) => (foundEmpty = resolve));
    const ending = new Promise<void>((resolve) => (goOn = resolve));
    class EndingClaims extends OutboxClaims {
      override async claim(limit: number) {
        const changes = await super.claim(limit);
        if (changes.length === 0) {
          foundEmpty();
          await ending;
        }
        return changes;
      }
    }
    const engine = new OutboundSync(cases, sync, gateway, silentLogger, {
      batchSize: 50,
      directory,
      claims: new EndingClaims(db, 'ending', 60),
    });
    const first = engine.run();
    await emptySeen;
    await cases.addGoal(goal(caseId, 'Join the choir'));
    const second = engine.run();
    goOn();
    await first;
    expect((await second).changesDone).toBe(1);
    expect(gateway.all<Goal>('Goal').map((g) => g.description.text)).toEqual(['Join the choir']);
    expect(await sync.pendingCount()).toBe(0);
  });
});
