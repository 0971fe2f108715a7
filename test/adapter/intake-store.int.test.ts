import type { Task } from 'fhir/r4';
import { buildReferralTask } from '@linkwell/profiles';
import { CaseStore, IntakeStore, type Database } from '@linkwell/fhir-server-adapter';
import { STORE_TARGETS } from '../support/store-targets';

// The intake store's statements on the embedded PGlite and a real PostgreSQL server: a local-only
// case with its person and source, matching the same person, and linking a GP's Task to it with
// the backlog of shared records queued in the same transaction.
describe.each(STORE_TARGETS)('intake store on %s', (_name, open) => {
  let db: Database;
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const service = `svc-${suffix}`;
  const person = {
    given: 'Ann',
    family: `Lee${suffix}`,
    birthDate: '1970-01-02',
    postcode: 'ZZ1 2BB',
  };

  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db.close());

  it('opens, matches and links a local-only case', async () => {
    const intake = new IntakeStore(db);
    const cases = new CaseStore(db);
    const caseId = await intake.openLocalCase(service, person, {
      kind: 'self',
      reason: 'Lonely',
      needs: ['social-isolation'],
      recordedBy: 'Practitioner/lw',
    });
    expect((await cases.getCase(caseId))?.taskId).toBeUndefined();
    expect((await intake.people([caseId])).get(caseId)).toMatchObject(person);
    expect(await intake.firstNeeds([caseId])).toEqual(new Map([[caseId, ['social-isolation']]]));
    const again = { ...person, given: 'ANN', family: person.family.toLowerCase() };
    expect(await intake.openLocalCaseOf(service, again)).toBe(caseId);
    expect(
      await intake.openLocalCaseOf(service, { ...person, birthDate: '1970-01-03' }),
    ).toBeUndefined();

    await cases.addGoal({
      caseId,
      description: 'Walk',
      lifecycleStatus: 'active',
      achievement: undefined,
      targetMeasure: undefined,
      targetDetail: undefined,
      targetDue: undefined,
      startDate: '2025-03-01',
      shared: true,
      linkWorker: 'Practitioner/lw',
    });
    expect(await db.query('SELECT seq FROM outbox WHERE case_id = $1', [caseId])).toEqual([]);

    const task: Task & { id: string } = {
      ...buildReferralTask({
        referral: `ServiceRequest/r-${suffix}`,
        patient: `Patient/p-${suffix}`,
        requester: 'Practitioner/gp',
        owner: `Organization/${service}`,
        authoredOn: '2025-03-02T10:00:00Z',
      }),
      id: `t-${suffix}`,
      meta: { versionId: '1' },
    };
    await intake.linkTask(
      caseId,
      task,
      { referralRef: `ServiceRequest/r-${suffix}`, patientRef: `Patient/p-${suffix}` },
      { kind: 'gp', needs: ['loneliness'] },
    );
    expect((await cases.getCase(caseId))?.taskId).toBe(task.id);
    expect(await intake.caseOfSourceTask(task.id)).toBe(caseId);
    expect((await intake.openCaseOf(service, `Patient/p-${suffix}`))?.id).toBe(caseId);
    const kinds = await db.query<{ kind: string }>(
      'SELECT kind FROM outbox WHERE case_id = $1 ORDER BY seq',
      [caseId],
    );
    expect(kinds.map((k) => k.kind)).toEqual(['task', 'goal']);
    expect((await intake.sources(caseId)).map((s) => s.kind)).toEqual(['self', 'gp']);
    expect(await intake.openLocalCaseOf(service, person)).toBeUndefined();
  });
});
