import type { Task } from 'fhir/r4';
import { buildReferralTask } from '@linkwell/profiles';
import { CaseStore, SyncStore, type Database } from '@linkwell/fhir-server-adapter';
import { STORE_TARGETS } from '../support/store-targets';

// The same store suite against the embedded PGlite and a real PostgreSQL server (the run's throwaway
// cluster from test-kit/src/postgres.ts): one SQL dialect, one set of versioned migrations.
const targets = STORE_TARGETS;

function task(id: string): Task & { id: string } {
  return {
    ...buildReferralTask({
      referral: `ServiceRequest/r-${id}`,
      patient: 'Patient/p1',
      requester: 'Practitioner/gp',
      owner: 'Organization/svc',
      authoredOn: '2025-02-03T10:15:00Z',
    }),
    id,
    meta: { versionId: '1' },
  };
}

describe.each(targets)('store on %s', (_name, open) => {
  let db: Database;
  let cases: CaseStore;
  let sync: SyncStore;
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

  beforeAll(async () => {
    db = await open();
    cases = new CaseStore(db);
    sync = new SyncStore(db);
  });
  afterAll(() => db.close());

  it('reports a transaction whose statement failed as failed, even when the work caught it', async () => {
    const key = `tx-${suffix}`;
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO sync_state (key, value) VALUES ($1, $2)', [key, 'first']);
        await tx
          .query('INSERT INTO sync_state (key, value) VALUES ($1, $2)', [key, 'again'])
          .catch(() => undefined);
      }),
    ).rejects.toThrow(/rolled back/);
    expect(await db.query('SELECT 1 FROM sync_state WHERE key = $1', [key])).toEqual([]);
  });

  it('migrates idempotently', async () => {
    const { migrate } = jest.requireActual<{ migrate: (d: Database) => Promise<number[]> }>(
      '../../fhir-server-adapter/src/db/migrations',
    );
    expect(await migrate(db)).toEqual([]);
  });

  it('creates one case per Task, even under concurrent ingestion', async () => {
    const t = task(`t-${suffix}`);
    const results = await Promise.all(
      [1, 2, 3, 4].map(() =>
        cases.ingestTask({
          serviceOrg: `svc-${suffix}`,
          task: t,
          referralRef: t.focus?.reference ?? '',
          patientRef: 'Patient/p1',
        }),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await cases.listCases(`svc-${suffix}`)).toHaveLength(1);
  });

  it('keeps the newest Task snapshot only', async () => {
    const t = task(`s-${suffix}`);
    const { record } = await cases.ingestTask({
      serviceOrg: `svc-${suffix}`,
      task: t,
      referralRef: 'ServiceRequest/x',
      patientRef: 'Patient/p1',
    });
    await cases.refreshTaskSnapshot({ ...t, status: 'cancelled', meta: { versionId: '3' } });
    await cases.refreshTaskSnapshot({ ...t, status: 'accepted', meta: { versionId: '2' } });
    expect((await cases.getCase(record.id))?.task?.status).toBe('cancelled');
  });

  it('commits a shared record together with its outbox row, and a private note without one', async () => {
    const t = task(`o-${suffix}`);
    const { record } = await cases.ingestTask({
      serviceOrg: `svc-${suffix}`,
      task: t,
      referralRef: 'ServiceRequest/x',
      patientRef: 'Patient/p1',
    });
    const before = await sync.pendingCount();
    await cases.addNote({ caseId: record.id, author: 'Practitioner/lw', text: 'private' });
    await cases.addGoal({
      caseId: record.id,
      description: 'Walk',
      lifecycleStatus: 'active',
      achievement: undefined,
      targetMeasure: undefined,
      targetDetail: undefined,
      targetDue: '2025-06-01',
      startDate: '2025-02-04',
      shared: true,
      linkWorker: 'Practitioner/lw',
    });
    await cases.addAnswers({
      caseId: record.id,
      instrument: 'ucla3',
      timing: 'baseline',
      answers: { 'lack-companionship': 1, 'left-out': 2, isolated: 3 },
      authored: '2025-02-04T10:00:00.000Z',
      shared: false,
      linkWorker: 'Practitioner/lw',
    });
    expect((await sync.pendingCount()) - before).toBe(1);
    const [goal] = await cases.goals(record.id);
    expect(goal).toMatchObject({ targetDue: '2025-06-01', startDate: '2025-02-04', shared: true });
    expect((await cases.answers(record.id))[0]?.answers).toEqual({
      'lack-companionship': 1,
      'left-out': 2,
      isolated: 3,
    });
    expect((await cases.notes(record.id))[0]?.text).toBe('private');
  });

  it('rolls a failed transaction back', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO sync_state (key, value) VALUES ($1, $2)', [`k-${suffix}`, 'v']);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await sync.getState(`k-${suffix}`)).toBeUndefined();
    await sync.setState(`k-${suffix}`, 'v2');
    expect(await sync.getState(`k-${suffix}`)).toBe('v2');
  });
});
