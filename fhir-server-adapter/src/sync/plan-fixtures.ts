import type { Task } from 'fhir/r4';
import { buildReferralTask } from '@linkwell/profiles';
import type { Database } from '../db/database';
import type { MemoryGateway } from '@linkwell/test-kit';
import type { CaseStore } from '../store/case-store';
import { ConsentStore } from '../store/consent-store';
import type { GoalRecord } from '../store/records';

// Shared set-up for the outbound sync's unit tests (in-memory PGlite and MemoryGateway).

export const LW = 'Practitioner/lw-1';
export const SERVICE = 'service-1';

export async function emptyStore(db: Database): Promise<void> {
  await db.query(
    `TRUNCATE cases, contact_attempts, notes, goals, questionnaire_answers, onward_referrals,
       outbox, fhir_links, sync_state, case_status_history, case_consents CASCADE`,
  );
}

export type ConsentCase = 'write-back' | 'share-only' | 'none';

/** A referral Task on the gateway and its case in the store, with the consent given. */
export async function seedCase(
  cases: CaseStore,
  db: Database,
  gateway: MemoryGateway,
  id: string,
  consent: ConsentCase = 'write-back',
  taskChanges: Partial<Task> = {},
): Promise<string> {
  const task = {
    ...buildReferralTask({
      referral: `ServiceRequest/ref-${id}`,
      patient: 'Patient/pt-1',
      requester: 'Practitioner/gp-1',
      owner: `Organization/${SERVICE}`,
      authoredOn: '2025-02-03T10:15:00Z',
    }),
    ...taskChanges,
    id,
  };
  gateway.put(task);
  const stored = gateway.resources.get(`Task/${id}`) as Task & { id: string };
  const { record } = await cases.ingestTask({
    serviceOrg: SERVICE,
    task: stored,
    referralRef: `ServiceRequest/ref-${id}`,
    patientRef: 'Patient/pt-1',
  });
  if (consent !== 'none') {
    await new ConsentStore(db).record(record.id, {
      consentRef: `Consent/consent-${id}`,
      versionId: '1',
      status: 'active',
      shareWithService: true,
      writeBack: consent === 'write-back',
      recordedAt: '2025-02-03T10:00:00Z',
      recordedBy: 'Dr Grey',
      withdrawnAt: undefined,
      withdrawnBy: undefined,
      research: false,
    });
  }
  return record.id;
}

/** Accepts the case (status history and a Task change in the outbox). */
export async function accept(cases: CaseStore, caseId: string): Promise<void> {
  await cases.updateCase(
    caseId,
    { status: 'accepted', businessStatus: 'awaiting-contact', assignedTo: LW },
    LW,
    { expected: ['requested'] },
  );
}

export function goal(
  caseId: string,
  description: string,
  shared = true,
): Omit<GoalRecord, 'id' | 'createdAt'> {
  return {
    caseId,
    description,
    lifecycleStatus: 'active',
    achievement: undefined,
    targetMeasure: undefined,
    targetDetail: undefined,
    targetDue: undefined,
    startDate: '2025-02-04',
    shared,
    linkWorker: LW,
  };
}

/** SWEMWBS answers all at `n` (1–5). */
export const swemwbs = (n: number): Record<string, number> =>
  Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((i) => [`swemwbs-${i}`, n]));
