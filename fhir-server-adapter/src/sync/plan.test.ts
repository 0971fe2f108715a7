import type { Consent, Goal, Task } from 'fhir/r4';
import { buildConsent, consentState, researchPermitted } from '@linkwell/profiles';
import type { Database } from '../db/database';
import { openDatabase } from '../db/open';
import { MemoryGateway } from '@linkwell/test-kit';
import { silentLogger } from '../log';
import { CaseStore } from '../store/case-store';
import { ConsentStore } from '../store/consent-store';
import { SyncStore } from '../store/sync-store';
import { OutboundSync } from './outbound';
import { NO_WRITE_BACK, groupByRecord, planBatch } from './plan';
import { LW, SERVICE, accept, emptyStore, goal, seedCase, swemwbs } from './plan-fixtures';
import { loadSnapshots, type PlanSources } from './plan-input';
import { DirectoryNames } from './plan-names';

// PLAN: what becomes a write unit, and what is held with a message instead.
let db: Database;
let gateway: MemoryGateway;
let cases: CaseStore;
let sync: SyncStore;
let sources: PlanSources;
const outbound = () =>
  new OutboundSync(cases, sync, gateway, silentLogger, {
    batchSize: 50,
    directory: sources.directory,
  });

beforeAll(async () => {
  db = await openDatabase({ inMemory: true });
}, 60_000);
afterAll(() => db.close());

beforeEach(async () => {
  await emptyStore(db);
  gateway = new MemoryGateway();
  cases = new CaseStore(db);
  sync = new SyncStore(db);
  sources = { cases, sync, consents: sync, gateway, directory: new DirectoryNames(gateway) };
});

async function planPending() {
  const groups = groupByRecord(await sync.pending(100));
  return planBatch(groups, await loadSnapshots(groups, sources), new Map());
}

async function addClinicalRecords(caseId: string): Promise<void> {
  await cases.addGoal(goal(caseId, 'Walk to the park'));
  await cases.addAnswers({
    caseId,
    instrument: 'swemwbs',
    timing: 'baseline',
    answers: swemwbs(2),
    authored: '2025-02-05T10:00:00Z',
    shared: true,
    linkWorker: LW,
  });
  await cases.addOnwardReferral({
    caseId,
    serviceRef: 'HealthcareService/walk',
    serviceName: 'Walking group',
    note: undefined,
    status: 'active',
    authoredOn: '2025-02-06T10:00:00Z',
    shared: true,
    linkWorker: LW,
  });
}

describe('plan', () => {
  it('without write-back consent sends only the Task and holds goals, outcomes and onward referrals', async () => {
    const caseId = await seedCase(cases, db, gateway, 't1', 'share-only');
    await accept(cases, caseId);
    await addClinicalRecords(caseId);
    const plan = await planPending();
    expect(plan.units.map((u) => u.kind)).toEqual(['task']);
    expect(plan.holds.map((h) => [h.change.kind, h.message])).toEqual([
      ['goal', NO_WRITE_BACK],
      ['outcome', NO_WRITE_BACK],
      ['onward', NO_WRITE_BACK],
    ]);
    const report = await outbound().run();
    expect(report).toMatchObject({ held: 3, stalled: false });
    expect(gateway.all<Task>('Task')[0]?.status).toBe('accepted');
    for (const type of ['Goal', 'Observation', 'QuestionnaireResponse', 'ServiceRequest'] as const)
      expect(gateway.all(type)).toHaveLength(0);
    expect((await sync.held([caseId])).map((h) => h.message)).toEqual(Array(3).fill(NO_WRITE_BACK));
  });

  it('holds a record its mapper refuses, with the field and rule, and plans the rest', async () => {
    const caseId = await seedCase(cases, db, gateway, 't1');
    await cases.addGoal({ ...goal(caseId, 'Good goal') });
    await cases.addGoal({ ...goal(caseId, 'Odd achievement'), achievement: 'brilliant' });
    const plan = await planPending();
    expect(plan.holds).toHaveLength(1);
    expect(plan.holds[0]?.message).toMatch(/^This goal could not be written: achievement/);
    // The good goal and the Task pointing at it.
    expect(plan.units.map((u) => u.kind)).toEqual(['goal', 'task']);
  });

  it('holds a change whose case no longer exists instead of picking it up again', async () => {
    const caseId = await seedCase(cases, db, gateway, 't1');
    await accept(cases, caseId);
    const plan = planBatch(groupByRecord(await sync.pending(10)), new Map(), new Map());
    expect(plan.holds[0]?.message).toBe('The case this change belongs to no longer exists.');
  });

  it('after a withdrawal sends the withdrawn Consent (If-Match) and nothing clinical', async () => {
    const caseId = await seedCase(cases, db, gateway, 't1');
    const consent = buildConsent({
      patient: 'Patient/pt-1',
      dateTime: '2025-02-03T10:00:00Z',
      linkWorkerService: `Organization/${SERVICE}`,
      permits: ['share-referral', 'write-back-outcomes'],
    });
    gateway.put({ ...consent, id: 'consent-t1' });
    await accept(cases, caseId);
    const first = await cases.addGoal(goal(caseId, 'Before withdrawal'));
    await outbound().run();
    expect(gateway.all<Goal>('Goal')).toHaveLength(1);

    await new ConsentStore(db).withdraw(caseId, {
      at: '2025-03-01T12:00:00.000Z',
      practitioner: LW,
      name: 'Aisha Begum',
    });
    await cases.addGoal(goal(caseId, 'After withdrawal'));
    await cases.updateGoal(first, { lifecycleStatus: 'completed', achievement: 'achieved' }, LW);
    const report = await outbound().run();
    expect(report.held).toBe(2);
    const goals = gateway.all<Goal>('Goal');
    expect(goals.map((g) => [g.description.text, g.lifecycleStatus])).toEqual([
      ['Before withdrawal', 'active'],
    ]);
    const withdrawn = gateway.resources.get('Consent/consent-t1') as Consent;
    expect(withdrawn.meta?.versionId).toBe('2');
    expect(consentState(withdrawn)).toMatchObject({
      status: 'inactive',
      writeBack: false,
      withdrawnAt: '2025-03-01T12:00:00.000Z',
      withdrawnBy: 'Aisha Begum',
    });
    expect((await outbound().run()).requests).toBe(0);
  });

  it('sends the research permission the link worker records, once, and leaves an ended Consent', async () => {
    const caseId = await seedCase(cases, db, gateway, 't1');
    const consent = buildConsent({
      patient: 'Patient/pt-1',
      dateTime: '2025-02-03T10:00:00Z',
      linkWorkerService: `Organization/${SERVICE}`,
      permits: ['share-referral'],
    });
    gateway.put({ ...consent, id: 'consent-t1' });
    const consents = new ConsentStore(db);
    const by = { at: '2025-03-01T12:00:00.000Z', practitioner: LW, name: 'Aisha Begum' };
    await consents.setResearch(caseId, true, by);
    await outbound().run();
    const given = gateway.resources.get('Consent/consent-t1') as Consent;
    expect(researchPermitted(given)).toBe(true);
    expect(given.meta?.versionId).toBe('2');
    // Recorded again with the EHR already saying so: nothing to send.
    await consents.setResearch(caseId, true, by);
    expect((await outbound().run()).requests).toBe(0);
    // A Consent the GP ended on the EHR is not changed by the sync.
    gateway.put({ ...given, id: 'consent-t1', status: 'inactive' });
    await consents.setResearch(caseId, false, by);
    expect((await outbound().run()).requests).toBe(0);
    expect(
      researchPermitted({
        ...(gateway.resources.get('Consent/consent-t1') as Consent),
        status: 'active',
      }),
    ).toBe(true);
  });
});
