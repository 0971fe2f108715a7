import { buildReferralTask } from '@linkwell/profiles';
import type { Database } from '../db/database';
import { openDatabase } from '../db/open';
import { NO_CONSENT } from '../sync/inbound-checks';
import { CaseStore } from './case-store';
import { ConsentStore, type ConsentFacts } from './consent-store';
import { InboundHoldStore } from './inbound-hold-store';
import { writeBackAllowed } from './records';

// Per-case consent and inbound holds on an in-memory PGlite store.
let db: Database;
let cases: CaseStore;
let consents: ConsentStore;
const LW = { practitioner: 'Practitioner/lw-1', name: 'Sam Carter' };

beforeAll(async () => {
  db = await openDatabase({ inMemory: true });
  cases = new CaseStore(db);
  consents = new ConsentStore(db);
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

const agreed = (versionId: string, patch: Partial<ConsentFacts> = {}): ConsentFacts => ({
  consentRef: 'Consent/c1',
  versionId,
  status: 'active',
  shareWithService: true,
  writeBack: true,
  recordedAt: '2025-03-01T09:30:00.000Z',
  recordedBy: 'Dr Amara Okafor',
  withdrawnAt: undefined,
  withdrawnBy: undefined,
  research: false,
  ...patch,
});

const outboxKinds = async (caseId: string): Promise<string[]> =>
  (
    await db.query<{ kind: string }>('SELECT kind FROM outbox WHERE case_id = $1 ORDER BY seq', [
      caseId,
    ])
  ).map((row) => row.kind);

describe('ConsentStore', () => {
  it('keeps the newest copy from the EHR and finds the cases by Consent', async () => {
    const caseId = await newCase('t-1');
    expect(await consents.consentOf(caseId)).toBeUndefined();
    await consents.record(caseId, agreed('2'));
    await consents.record(caseId, agreed('1', { writeBack: false }));
    const held = await consents.consentOf(caseId);
    expect(held).toEqual({ caseId, ...agreed('2') });
    expect(writeBackAllowed(held)).toBe(true);
    expect(await consents.casesWithConsent('c1')).toContain(caseId);
  });

  it('records a case without a Consent as no write-back', async () => {
    const caseId = await newCase('t-2');
    await consents.record(caseId, NO_CONSENT);
    const held = await consents.consentOf(caseId);
    expect(held).toMatchObject({ writeBack: false, consentRef: undefined, status: 'not-recorded' });
    expect(writeBackAllowed(held)).toBe(false);
  });

  it('withdraws once, queues the Consent for the EHR, and never comes back to life', async () => {
    const caseId = await newCase('t-3');
    await consents.record(caseId, agreed('1'));
    const at = '2025-03-04T12:00:00.000Z';
    const withdrawn = await consents.withdraw(caseId, { at, ...LW });
    expect(withdrawn).toMatchObject({
      status: 'inactive',
      withdrawnAt: at,
      withdrawnBy: 'Sam Carter',
    });
    expect(writeBackAllowed(withdrawn)).toBe(false);
    await consents.withdraw(caseId, { at: '2025-03-05T12:00:00.000Z', ...LW });
    expect(await outboxKinds(caseId)).toEqual(['consent']);
    // The EHR's copy, read before the withdrawal reached it, does not undo it.
    await consents.record(caseId, agreed('1'));
    expect(await consents.consentOf(caseId)).toMatchObject({ status: 'inactive', withdrawnAt: at });
    expect(await consents.withdraw(await newCase('t-4'), { at, ...LW })).toBeUndefined();
  });

  it('keeps what the EHR says of research until the link worker records otherwise', async () => {
    const caseId = await newCase('t-5');
    await consents.record(caseId, agreed('1', { research: true }));
    expect(await consents.consentOf(caseId)).toMatchObject({ research: true });
    await consents.record(caseId, agreed('2'));
    expect(await consents.consentOf(caseId)).toMatchObject({ research: false });
    const at = '2025-03-06T12:00:00.000Z';
    const recorded = await consents.setResearch(caseId, true, { at, ...LW });
    expect(recorded).toMatchObject({
      research: true,
      researchChangedAt: at,
      researchChangedBy: 'Sam Carter',
    });
    // A later copy from the EHR, without the research provision, does not undo the record.
    await consents.record(caseId, agreed('3'));
    expect(await consents.consentOf(caseId)).toMatchObject({ research: true, versionId: '3' });
    expect(await consents.setResearch(caseId, false, { at, ...LW })).toMatchObject({
      research: false,
    });
    expect(await consents.setResearch(await newCase('t-6'), true, { at, ...LW })).toBeUndefined();
    // Each change asks the outbound sync to bring the EHR's Consent in line.
    expect(await outboxKinds(caseId)).toEqual(['consent', 'consent']);
  });

  it('ends research with the consent to share, and will not permit it after', async () => {
    const caseId = await newCase('t-7');
    await consents.record(caseId, agreed('1', { research: true }));
    const at = '2025-03-07T12:00:00.000Z';
    expect(await consents.withdraw(caseId, { at, ...LW })).toMatchObject({ research: false });
    expect(await consents.setResearch(caseId, true, { at, ...LW })).toMatchObject({
      research: false,
    });
    // Nor does a copy of the EHR's Consent read before the withdrawal reached it.
    await consents.record(caseId, agreed('1', { research: true }));
    expect(await consents.consentOf(caseId)).toMatchObject({ research: false });
  });
});

describe('InboundHoldStore', () => {
  it('holds a Task once, lists it for the service only, and resolves it', async () => {
    const holds = new InboundHoldStore(db);
    await holds.hold('svc', 'task-9', 'The Referral is for a different patient.', '1');
    await holds.hold('svc', 'task-9', 'The Referral is for a different patient.', '2');
    const [held] = await holds.held('svc');
    expect(held).toMatchObject({
      taskId: 'task-9',
      reason: 'The Referral is for a different patient.',
    });
    expect(await holds.held('other')).toEqual([]);
    await holds.resolve('task-9');
    expect(await holds.held('svc')).toEqual([]);
    expect(await holds.caseOfTask('t-1')).toMatchObject({ referralRef: 'ServiceRequest/sr-1' });
    expect(await holds.caseOfTask('nope')).toBeUndefined();
  });
});
