import {
  BusinessStatusRequest,
  DischargeRequest,
  type REJECT_REASONS,
  RejectRequest,
  parseWith,
  type CaseRecordDetail,
  type CaseSummary,
} from '@linkwell/contracts';
import { Router, type Request } from 'express';
import {
  ACTIVE_TASK_STATUSES,
  REFERRAL_STATUS_REASONS,
  type ReferralTaskStatus,
} from '@linkwell/profiles';
import { conflict, forbidden, notFound } from '../errors';
import type { CaseStore, CasePatch } from '../store/case-store';
import type { CaseRecord } from '../store/records';
import type { ConsentLookup, NameLookup, SyncStore } from '../store/sync-store';
import type { LinkWorker } from './auth';

export interface RouteDeps {
  readonly cases: CaseStore;
  readonly sync: SyncStore;
  /** Called after a change was committed, so outbound sync can start soon. */
  readonly changed: () => void;
  /** What the patient agreed to per case (store/consent-store.ts); read from the store if absent. */
  readonly consents?: ConsentLookup;
  /** Practitioner names (for messages and the case holder); references are shown when absent. */
  readonly names?: NameLookup;
}

export const worker = (req: Request): LinkWorker =>
  (req as Request & { worker: LinkWorker }).worker;

/** The case, if it exists and belongs to the signed-in link worker's service. */
export async function ownCase(deps: RouteDeps, req: Request): Promise<CaseRecord> {
  const id = String(req.params.caseId);
  const found = /^[0-9a-f-]{36}$/.test(id) ? await deps.cases.getCase(id) : undefined;
  if (found === undefined) throw notFound(`There is no case ${id}.`);
  if (found.serviceOrg !== worker(req).serviceOrg) {
    throw forbidden('This case belongs to another link-worker service.');
  }
  return found;
}

export const consentOf = (deps: RouteDeps, caseId: string) =>
  (deps.consents ?? deps.sync).consentOf(caseId);
const nameOf = async (deps: RouteDeps, ref: string | undefined): Promise<string | undefined> =>
  ref === undefined ? undefined : ((await deps.names?.nameOf(ref)) ?? ref);

const STATE_WORDS: Partial<Record<ReferralTaskStatus, string>> = {
  'in-progress': 'accepted (in progress)',
  'on-hold': 'accepted (on hold)',
  completed: 'discharged',
  failed: 'closed (did not engage)',
  cancelled: 'closed (declined)',
};

/** "The referral was already accepted by Aisha Begum, so it could not be rejected." */
export function lostRaceMessage(done: string, current: CaseRecord, by: string | undefined): string {
  const state = STATE_WORDS[current.status] ?? current.status;
  return `The referral was already ${state}${by === undefined ? '' : ` by ${by}`}, so it could not be ${done}.`;
}

const OPEN = ACTIVE_TASK_STATUSES;
const reasonWords = (reason: (typeof REJECT_REASONS)[number]): string =>
  reason === 'social-prescribing-declined'
    ? 'Social prescribing declined'
    : REFERRAL_STATUS_REASONS[reason];

/** The queue, case detail, and the referral's lifecycle: accept, reject, status, discharge. */
export function caseRoutes(deps: RouteDeps): Router {
  const router = Router();

  /** Applies a change only from `expected`; the loser of a race gets 409 naming what won. */
  async function transition(
    req: Request,
    found: CaseRecord,
    done: string,
    patch: CasePatch,
    expected: readonly ReferralTaskStatus[],
    closure?: { reason: string; gpActions?: string | undefined },
  ): Promise<CaseRecord> {
    const result = await deps.cases.updateCase(found.id, patch, worker(req).practitioner, {
      expected,
      ...(closure === undefined ? {} : { closure }),
    });
    if (!result.won) {
      const by = await nameOf(deps, result.last?.by);
      throw conflict(lostRaceMessage(done, result.record ?? found, by));
    }
    deps.changed();
    return result.record;
  }

  router.get('/cases', async (req, res) => {
    const cases = await deps.cases.listCases(worker(req).serviceOrg);
    res.json({ cases: cases.map((c) => summary(c)) });
  });

  router.get('/cases/:caseId', async (req, res) => {
    const found = await ownCase(deps, req);
    const [contactAttempts, notes, goals, questionnaires, onwardReferrals, held] =
      await Promise.all([
        deps.cases.contactAttempts(found.id),
        deps.cases.notes(found.id),
        deps.cases.goals(found.id),
        deps.cases.answers(found.id),
        deps.cases.onwardReferrals(found.id),
        deps.sync.held([found.id]),
      ]);
    const [statusHistory, closure, consent, assignedToName] = await Promise.all([
      deps.cases.statusHistory(found.id),
      deps.cases.closure(found.id),
      consentOf(deps, found.id),
      nameOf(deps, found.assignedTo),
    ]);
    res.json({
      ...summary(found, assignedToName),
      contactAttempts,
      notes,
      goals,
      questionnaires,
      onwardReferrals,
      syncProblems: held,
      statusHistory,
      closure: closure ?? null,
      consent: consent ?? null,
    } satisfies CaseRecordDetail);
  });

  router.post('/cases/:caseId/accept', async (req, res) => {
    const found = await ownCase(deps, req);
    const patch: CasePatch = {
      status: 'accepted',
      businessStatus: found.businessStatus ?? 'awaiting-contact',
      assignedTo: worker(req).practitioner,
    };
    res.json(summary(await transition(req, found, 'accepted', patch, ['requested'])));
  });

  router.post('/cases/:caseId/reject', async (req, res) => {
    const found = await ownCase(deps, req);
    const { reason, detail } = parseWith(RejectRequest, req.body);
    const closure = { reason: detail ?? reasonWords(reason) };
    const patch: CasePatch = { status: 'rejected', statusReason: reason };
    res.json(summary(await transition(req, found, 'rejected', patch, ['requested'], closure)));
  });

  router.put('/cases/:caseId/business-status', async (req, res) => {
    const found = await ownCase(deps, req);
    const { businessStatus } = parseWith(BusinessStatusRequest, req.body);
    if (!OPEN.includes(found.status))
      throw conflict(`The referral is ${found.status}: accept it first.`);
    const status =
      found.status === 'accepted' && businessStatus !== 'awaiting-contact'
        ? 'in-progress'
        : found.status;
    // Expects the status it was computed from, so a concurrent discharge is not undone.
    const updated = await transition(req, found, 'updated', { status, businessStatus }, [
      found.status,
    ]);
    res.json(summary(updated));
  });

  router.post('/cases/:caseId/discharge', async (req, res) => {
    const found = await ownCase(deps, req);
    const { outcome, reason, gpActions } = parseWith(DischargeRequest, req.body);
    const closure = { reason, gpActions };
    const patch: CasePatch =
      outcome === 'discharged'
        ? { status: 'completed', businessStatus: 'discharged' }
        : outcome === 'declined'
          ? { status: 'cancelled', businessStatus: 'declined', statusReason: 'patient-declined' }
          : {
              status: 'failed',
              businessStatus: 'did-not-engage',
              statusReason: 'unable-to-contact',
            };
    res.json(summary(await transition(req, found, 'discharged', patch, OPEN, closure)));
  });

  router.get('/sync/problems', async (req, res) => {
    const mine = (await deps.cases.listCases(worker(req).serviceOrg)).map((c) => c.id);
    res.json({ problems: await deps.sync.held(mine) });
  });

  return router;
}

/** What the queue shows: no clinical text, just the case's state. */
export function summary(record: CaseRecord, assignedToName?: string): CaseSummary {
  return {
    id: record.id,
    taskId: record.taskId,
    referral: record.referralRef,
    patient: record.patientRef,
    status: record.status,
    statusReason: record.statusReason,
    businessStatus: record.businessStatus,
    assignedTo: record.assignedTo,
    ...(assignedToName === undefined ? {} : { assignedToName }),
    receivedAt: record.receivedAt,
    updatedAt: record.updatedAt,
  };
}
