import type { Goal, Task } from 'fhir/r4';
import { buildReferralTask } from '@linkwell/profiles';
import type { Database } from '../db/database';
import { openDatabase } from '../db/open';
import { MemoryGateway } from '../fhir/memory-gateway';
import { silentLogger } from '../log';
import { CaseStore } from '../store/case-store';
import { SyncStore } from '../store/sync-store';
import { InboundSync } from './inbound';
import { OutboundSync } from './outbound';

// The sync engine against an in-memory FHIR gateway and an in-memory PGlite store.
let db: Database;
let gateway: MemoryGateway;
let cases: CaseStore;
let sync: SyncStore;
let inbound: InboundSync;
const LW = 'Practitioner/lw-1';
const noSleep = (): Promise<void> => Promise.resolve();
const outbound = (batchSize = 50) =>
  new OutboundSync(cases, sync, gateway, silentLogger, { batchSize, sleep: noSleep });

beforeAll(async () => {
  db = await openDatabase({ inMemory: true });
}, 60_000);
afterAll(() => db.close());

beforeEach(async () => {
  await db.query(
    'TRUNCATE cases, contact_attempts, notes, goals, questionnaire_answers, onward_referrals, outbox, fhir_links, sync_state CASCADE',
  );
  gateway = new MemoryGateway();
  cases = new CaseStore(db);
  sync = new SyncStore(db);
  inbound = new InboundSync(cases, sync, gateway, 'service-1', silentLogger);
});

function referralTask(id: string): Task & { id: string } {
  const task = {
    ...buildReferralTask({
      referral: `ServiceRequest/ref-${id}`,
      patient: 'Patient/pt-1',
      requester: 'Practitioner/gp-1',
      owner: 'Organization/service-1',
      authoredOn: '2025-02-03T10:15:00Z',
    }),
    id,
  };
  gateway.put(task);
  return task;
}

async function acceptedCase(id = 't1'): Promise<string> {
  referralTask(id);
  await inbound.poll();
  const [record] = await cases.listCases('service-1');
  if (record === undefined) throw new Error('no case');
  await cases.updateCase(record.id, { status: 'accepted', businessStatus: 'awaiting-contact' }, LW);
  return record.id;
}

describe('inbound sync', () => {
  it('makes one case per Task even when a notification and a poll race', async () => {
    referralTask('t1');
    await Promise.all([
      inbound.poll(),
      inbound.notified('t1'),
      inbound.notified('t1'),
      inbound.poll(),
    ]);
    expect(await cases.listCases('service-1')).toHaveLength(1);
    expect((await inbound.poll()).created).toBe(0);
  });

  it('ignores Tasks owned by another service', async () => {
    gateway.put({ ...referralTask('t2'), owner: { reference: 'Organization/other' } });
    await inbound.poll();
    expect(await cases.listCases('service-1')).toHaveLength(0);
  });
});

describe('outbound sync', () => {
  it('writes the Task status, goals and outcomes with Provenance, then nothing on a rerun', async () => {
    const caseId = await acceptedCase();
    await cases.addGoal({
      caseId,
      description: 'Join the walking group',
      lifecycleStatus: 'active',
      achievement: undefined,
      targetMeasure: undefined,
      targetDetail: undefined,
      targetDue: undefined,
      startDate: '2025-02-04',
      shared: true,
      linkWorker: LW,
    });
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
    const task = gateway.all<Task>('Task')[0];
    expect(task?.status).toBe('accepted');
    expect(task?.output?.map((o) => o.type.text).sort()).toEqual(['Goal', 'Outcome measure']);
    expect(gateway.all('Goal')).toHaveLength(1);
    expect(gateway.all('Observation')).toHaveLength(1);
    expect(gateway.all('QuestionnaireResponse')).toHaveLength(1);
    expect(gateway.all('Provenance')).toHaveLength(3);
    expect(JSON.stringify([...gateway.resources.values()])).not.toContain('private');
    const writes = gateway.writes;
    const again = await outbound().run();
    expect(again.requests).toBe(0);
    await db.query(
      "INSERT INTO outbox (case_id, kind, record_id, link_worker, created_at) VALUES ($1, 'task', $1, $2, now())",
      [caseId, LW],
    );
    expect((await outbound().run()).requests).toBe(0);
    expect(gateway.writes).toBe(writes);
  });

  it('retries network errors, 429 and 5xx with backoff', async () => {
    await acceptedCase();
    gateway.failNext(undefined, 429, 503);
    const report = await outbound().run();
    expect(report.stalled).toBe(false);
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
    expect((await cases.getCase(caseId))?.task.meta?.versionId).toBe('3');
  });

  it('holds a record the server refuses, with its message, and syncs the rest', async () => {
    const caseId = await acceptedCase();
    await cases.addGoal({
      caseId,
      description: 'Goal one',
      lifecycleStatus: 'active',
      achievement: undefined,
      targetMeasure: undefined,
      targetDetail: undefined,
      targetDue: undefined,
      startDate: '2025-02-04',
      shared: true,
      linkWorker: LW,
    });
    gateway.failNext(422, 422);
    const report = await outbound().run();
    expect(report.held).toBeGreaterThan(0);
    const held = await sync.held();
    expect(held[0]?.message).toContain('injected 422');
    expect(gateway.all<Goal>('Goal').length + held.length).toBeGreaterThan(0);
  });

  it('batches many changes into few transactions', async () => {
    const caseId = await acceptedCase();
    for (let i = 0; i < 30; i += 1) {
      await cases.addGoal({
        caseId,
        description: `Goal ${i}`,
        lifecycleStatus: 'active',
        achievement: undefined,
        targetMeasure: undefined,
        targetDetail: undefined,
        targetDue: undefined,
        startDate: '2025-02-04',
        shared: true,
        linkWorker: LW,
      });
    }
    const report = await outbound(10).run();
    expect(report.requests).toBe(4);
    expect(gateway.all('Goal')).toHaveLength(30);
    expect(gateway.all<Task>('Task')[0]?.output).toHaveLength(30);
  });
});
