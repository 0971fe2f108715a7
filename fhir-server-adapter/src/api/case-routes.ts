import { Router, type Request } from 'express';
import {
  REFERRAL_BUSINESS_STATUSES,
  REFERRAL_STATUS_REASONS,
  type ReferralBusinessStatus,
  type ReferralStatusReason,
} from '@linkwell/profiles';
import { conflict, forbidden, notFound } from '../errors';
import type { CaseStore } from '../store/case-store';
import type { CaseRecord } from '../store/records';
import type { SyncStore } from '../store/sync-store';
import type { LinkWorker } from './auth';
import { objectBody, oneOf, optionalText } from './validate';

export interface RouteDeps {
  readonly cases: CaseStore;
  readonly sync: SyncStore;
  /** Called after a change was committed, so outbound sync can start soon. */
  readonly changed: () => void;
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

const REASONS = [...Object.keys(REFERRAL_STATUS_REASONS), 'social-prescribing-declined'] as (
  ReferralStatusReason | 'social-prescribing-declined'
)[];
const BUSINESS = Object.keys(REFERRAL_BUSINESS_STATUSES) as ReferralBusinessStatus[];
const OPEN = ['accepted', 'in-progress', 'on-hold'];

/** The queue, case detail, and the referral's lifecycle: accept, reject, status, discharge. */
export function caseRoutes(deps: RouteDeps): Router {
  const router = Router();

  router.get('/cases', async (req, res) => {
    const cases = await deps.cases.listCases(worker(req).serviceOrg);
    res.json({ cases: cases.map(summary) });
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
    res.json({
      ...summary(found),
      contactAttempts,
      notes,
      goals,
      questionnaires,
      onwardReferrals,
      syncProblems: held,
    });
  });

  router.post('/cases/:caseId/accept', async (req, res) => {
    const found = await ownCase(deps, req);
    if (found.status !== 'requested' && found.status !== 'accepted') {
      throw conflict(`The referral is ${found.status}; only a requested referral can be accepted.`);
    }
    await deps.cases.updateCase(
      found.id,
      {
        status: 'accepted',
        businessStatus: found.businessStatus ?? 'awaiting-contact',
        assignedTo: worker(req).practitioner,
      },
      worker(req).practitioner,
    );
    deps.changed();
    res.json(summary((await deps.cases.getCase(found.id)) ?? found));
  });

  router.post('/cases/:caseId/reject', async (req, res) => {
    const body = objectBody(req.body);
    const found = await ownCase(deps, req);
    if (found.status !== 'requested') {
      throw conflict(`The referral is ${found.status}; only a requested referral can be rejected.`);
    }
    const reason = oneOf(body, 'reason', REASONS);
    await deps.cases.updateCase(
      found.id,
      { status: 'rejected', statusReason: reason },
      worker(req).practitioner,
    );
    deps.changed();
    res.json(summary((await deps.cases.getCase(found.id)) ?? found));
  });

  router.put('/cases/:caseId/business-status', async (req, res) => {
    const body = objectBody(req.body);
    const found = await ownCase(deps, req);
    const businessStatus = oneOf(body, 'businessStatus', BUSINESS);
    if (!OPEN.includes(found.status))
      throw conflict(`The referral is ${found.status}: accept it first.`);
    const status =
      found.status === 'accepted' && businessStatus !== 'awaiting-contact'
        ? 'in-progress'
        : found.status;
    await deps.cases.updateCase(found.id, { status, businessStatus }, worker(req).practitioner);
    deps.changed();
    res.json(summary((await deps.cases.getCase(found.id)) ?? found));
  });

  router.post('/cases/:caseId/discharge', async (req, res) => {
    const body = objectBody(req.body);
    const found = await ownCase(deps, req);
    if (!OPEN.includes(found.status))
      throw conflict(`The referral is ${found.status}; it cannot be discharged.`);
    const outcome = oneOf(body, 'outcome', ['discharged', 'did-not-engage', 'declined'] as const);
    const detail = optionalText(body, 'reason', 500);
    const patch =
      outcome === 'discharged'
        ? { status: 'completed' as const, businessStatus: 'discharged' as const }
        : outcome === 'declined'
          ? {
              status: 'cancelled' as const,
              businessStatus: 'declined' as const,
              statusReason: detail ?? 'patient-declined',
            }
          : {
              status: 'failed' as const,
              businessStatus: 'did-not-engage' as const,
              statusReason: detail ?? 'unable-to-contact',
            };
    await deps.cases.updateCase(found.id, patch, worker(req).practitioner);
    deps.changed();
    res.json(summary((await deps.cases.getCase(found.id)) ?? found));
  });

  router.get('/sync/problems', async (req, res) => {
    const mine = (await deps.cases.listCases(worker(req).serviceOrg)).map((c) => c.id);
    res.json({ problems: await deps.sync.held(mine) });
  });

  return router;
}

/** What the queue shows: no clinical text, just the case's state. */
export function summary(record: CaseRecord): Record<string, unknown> {
  return {
    id: record.id,
    taskId: record.taskId,
    referral: record.referralRef,
    patient: record.patientRef,
    status: record.status,
    statusReason: record.statusReason,
    businessStatus: record.businessStatus,
    assignedTo: record.assignedTo,
    receivedAt: record.receivedAt,
    updatedAt: record.updatedAt,
  };
}
