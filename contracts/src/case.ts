import type { z } from 'zod';
import {
  REFERRAL_BUSINESS_STATUSES,
  REFERRAL_STATUS_REASONS,
  type Instrument,
  type ReferralBusinessStatus,
  type ReferralTaskStatus,
} from '@linkwell/profiles';
import { DISCHARGE_OUTCOMES, type QuestionnaireTiming } from './case-lists';
import type { CaseConsent } from './consent';
import { body, keyOf, oneOf, optionalText, text } from './rules';

// The referral's lifecycle requests: reject, move on, discharge.

/** Why a referral is rejected: the profile's status reasons, or the person declined. */
export const REJECT_REASONS = [
  ...(Object.keys(REFERRAL_STATUS_REASONS) as (keyof typeof REFERRAL_STATUS_REASONS)[]),
  'social-prescribing-declined',
] as const;

/** POST /api/cases/:caseId/reject */
export const RejectRequest = body({ reason: oneOf(REJECT_REASONS), detail: optionalText(2000) });
export type RejectRequest = z.input<typeof RejectRequest>;

/** PUT /api/cases/:caseId/business-status */
export const BusinessStatusRequest = body({ businessStatus: keyOf(REFERRAL_BUSINESS_STATUSES) });
export type BusinessStatusRequest = z.input<typeof BusinessStatusRequest>;

/** POST /api/cases/:caseId/discharge */
export const DischargeRequest = body({
  outcome: keyOf(DISCHARGE_OUTCOMES),
  reason: text(2000),
  gpActions: optionalText(2000),
});
export type DischargeRequest = z.input<typeof DischargeRequest>;

// What the API answers: the app reads these, the adapter's handlers are typed by them.

/** A referral the adapter would not take on, held for review: the reason only, no patient data. */
export interface HeldReferral {
  readonly taskId: string;
  readonly reason: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

export interface CaseSummary {
  readonly id: string;
  /** The GP's referral Task; absent for a case opened from another source. */
  readonly taskId?: string;
  readonly referral?: string;
  readonly patient?: string;
  readonly status: ReferralTaskStatus;
  readonly statusReason?: string;
  readonly businessStatus?: ReferralBusinessStatus;
  readonly assignedTo?: string;
  /** The name of the link worker holding the case. */
  readonly assignedToName?: string;
  readonly receivedAt: string;
  readonly updatedAt: string;
}

export interface ContactAttempt {
  readonly id: string;
  readonly at: string;
  readonly method: string;
  readonly outcome: string;
  readonly linkWorker: string;
}

export interface CaseNote {
  readonly id: string;
  readonly author: string;
  readonly text: string;
  readonly createdAt: string;
}

export interface GoalRecord {
  readonly id: string;
  readonly description: string;
  readonly lifecycleStatus: string;
  readonly achievement?: string;
  readonly targetDetail?: string;
  readonly targetDue?: string;
  readonly startDate: string;
  readonly shared: boolean;
}

export interface AnswersRecord {
  readonly id: string;
  readonly instrument: Instrument;
  readonly timing: QuestionnaireTiming;
  readonly answers: Readonly<Record<string, number>>;
  readonly authored: string;
  readonly shared: boolean;
}

export interface OnwardReferral {
  readonly id: string;
  readonly serviceRef: string;
  readonly serviceName?: string;
  readonly note?: string;
  readonly status: string;
  readonly authoredOn: string;
  readonly shared: boolean;
  /** What the community service reported (issue 12); awaiting-reply at first. */
  readonly state?: string;
  readonly stateReason?: string;
}

/** How a closed case ended, in the link worker's words. */
export interface CaseClosure {
  readonly reason: string;
  readonly gpActions?: string | null;
  readonly closedAt: string;
}

/** One step the case went through, oldest first. */
export interface StatusStep {
  readonly status: ReferralTaskStatus;
  readonly businessStatus?: ReferralBusinessStatus | null;
  readonly at: string;
  /** `Practitioner/<id>` of whoever made the change, when known. */
  readonly by?: string | null;
}

export interface CaseRecordDetail extends CaseSummary {
  readonly contactAttempts: readonly ContactAttempt[];
  readonly notes: readonly CaseNote[];
  readonly goals: readonly GoalRecord[];
  readonly questionnaires: readonly AnswersRecord[];
  readonly onwardReferrals: readonly OnwardReferral[];
  /** Undefined only from an adapter older than issue 9; null when no consent came with the referral. */
  readonly consent?: CaseConsent | null;
  readonly closure?: CaseClosure | null;
  readonly statusHistory?: readonly StatusStep[];
  /** This case's changes the outbound sync holds. */
  readonly syncProblems?: readonly HeldChange[];
}

/**
 * What an outbound change is about: `task` the case's Task status, `summary` the closing summary,
 * `consent` a withdrawal, `risk` a risk Flag for the GP, `careplan` the plan, `supersede` the
 * service's own earlier Task closed once a GP's referral took over the case.
 */
export type SyncKind =
  | 'task'
  | 'goal'
  | 'outcome'
  | 'onward'
  | 'summary'
  | 'consent'
  | 'risk'
  | 'careplan'
  | 'supersede';

/** A change the outbound sync holds after the GP record refused it, until it is retried. */
export interface HeldChange {
  readonly seq: number;
  readonly caseId: string;
  readonly kind: SyncKind;
  readonly recordId: string;
  readonly linkWorker: string;
  readonly attempts: number;
  readonly message: string;
}

export interface SyncState {
  readonly kind: SyncKind;
  readonly recordId: string;
  readonly state: 'synced' | 'pending' | 'refused';
  readonly message?: string;
  readonly seq: number;
}
