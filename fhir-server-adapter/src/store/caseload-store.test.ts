import { buildReferralTask } from '@linkwell/profiles';
import type { Database } from '../db/database';
import { openDatabase } from '../db/open';
import { CaseStore } from './case-store';
import { CaseloadStore } from './caseload-store';
import { SyncStore } from './sync-store';

// The link-worker app's read models on an in-memory PGlite store.
let db: Database;
let cases: CaseStore;
let sync: SyncStore;
let caseload: CaseloadStore;
const LW = 'Practitioner/lw-1';

beforeAll(async () => {
  db = await openDatabase({ inMemory: true });
  cases = new CaseStore(db);
  sync = new SyncStore(db);
  caseload = new CaseloadStore(db);
}, 60_000);
afterAll(() => db.close());

async function newCase(taskId: string): Promise<string> {
  const task = {
    ...buildReferralTask({
      referral: 'ServiceRequest/sr-1',
      patient: 'Patient/p-1',
      requester: 'Practitioner/gp',
      owner: 'Organization/svc',
      authoredOn: '2025-03-01T09:30:00Z',
    }),
    id: taskId,
  };
  const { record } = await cases.ingestTask({
    serviceOrg: 'svc',
    task,
    referralRef: 'ServiceRequest/sr-1',
    patientRef: 'Patient/p-1',
  });
  return record.id;
}

describe('CaseloadStore', () => {
  it('lists open cases with their contacts and next follow-up', async () => {
    const id = await newCase('t-1');
    await cases.addContactAttempt({
      caseId: id,
      at: '2025-03-02T10:00:00Z',
      method: 'phone',
      outcome: 'no-answer',
      linkWorker: LW,
    });
    await cases.addContactAttempt({
      caseId: id,
      at: '2025-03-03T10:00:00Z',
      method: 'phone',
      outcome: 'reached',
      linkWorker: LW,
    });
    await caseload.setNextFollowUp(id, '2025-04-01', LW);
    const [entry] = await caseload.entries('svc', false);
    expect(entry).toMatchObject({
      contactAttempts: 2,
      lastContactAt: '2025-03-03T10:00:00.000Z',
      firstReachedAt: '2025-03-03T10:00:00.000Z',
      nextFollowUp: '2025-04-01',
    });
    await caseload.setNextFollowUp(id, undefined, LW);
    expect(await caseload.nextFollowUp(id)).toBeUndefined();
    await cases.updateCase(id, { status: 'completed' }, LW);
    expect(await caseload.entries('svc', false)).toHaveLength(0);
    expect(await caseload.entries('svc', true)).toHaveLength(1);
  });

  it('tells each shared record’s sync state from its latest outbox row', async () => {
    const id = await newCase('t-2');
    await cases.updateCase(id, { status: 'accepted' }, LW);
    const goal = await cases.addGoal({
      caseId: id,
      description: 'Walk',
      lifecycleStatus: 'active',
      achievement: undefined,
      targetMeasure: undefined,
      targetDetail: undefined,
      targetDue: undefined,
      startDate: '2025-03-02',
      shared: true,
      linkWorker: LW,
    });
    const states = await caseload.syncStates(id);
    expect(states.map((s) => [s.kind, s.state])).toEqual([
      ['goal', 'pending'],
      ['task', 'pending'],
    ]);
    const [goalRow, taskRow] = states;
    await sync.hold([goalRow?.seq ?? 0], 'Goal.target: invalid');
    await sync.markDone([taskRow?.seq ?? 0]);
    expect(await caseload.syncStates(id)).toEqual([
      {
        kind: 'goal',
        recordId: goal.id,
        state: 'refused',
        message: 'Goal.target: invalid',
        seq: goalRow?.seq,
      },
      { kind: 'task', recordId: id, state: 'synced', message: undefined, seq: taskRow?.seq },
    ]);
  });
});
