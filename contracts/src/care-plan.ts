import type { z } from 'zod';
import {
  ACTION_STATUSES,
  REFERRAL_NEEDS,
  type ActionStatus,
  type ReferralNeed,
} from '@linkwell/profiles';
import type { GoalRecord, OnwardReferral } from './case';
import { body, calendarDate, clearableText, flag, oneOf, optionalText, text } from './rules';

// The personalised care and support plan's requests: needs as assessed, agreed actions, the plan.

/** POST /api/cases/:caseId/assessed-needs */
export const AssessedNeedRequest = body({
  need: oneOf(REFERRAL_NEEDS),
  concern: optionalText(1000),
});
export type AssessedNeedRequest = z.input<typeof AssessedNeedRequest>;

/** POST /api/cases/:caseId/actions */
export const ActionRequest = body({
  description: text(500),
  who: optionalText(100),
  due: calendarDate().optional(),
});
export type ActionRequest = z.input<typeof ActionRequest>;

/** PUT /api/cases/:caseId/actions/:actionId */
export const ActionStatusRequest = body({ status: oneOf(ACTION_STATUSES) });
export type ActionStatusRequest = z.input<typeof ActionStatusRequest>;

/** PUT /api/cases/:caseId/care-plan: left out keeps what is there; whatMatters null clears it. */
export const CarePlanRequest = body({ whatMatters: clearableText(2000), share: flag() });
export type CarePlanRequest = z.input<typeof CarePlanRequest>;

// What the API answers: the app reads these, the adapter's handlers are typed by them.

/** A need as the link worker assessed it with the person (`POST .../assessed-needs` answers one). */
export interface AssessedNeed {
  readonly id: string;
  readonly need: ReferralNeed;
  readonly concern?: string;
  /** `Practitioner/<id>`. */
  readonly assessedBy: string;
  readonly assessedAt: string;
}

/** An action agreed with the person (`POST .../actions`, `PUT .../actions/:id` answer one). */
export interface CarePlanAction {
  readonly id: string;
  readonly description: string;
  readonly who?: string;
  /** YYYY-MM-DD. */
  readonly due?: string;
  readonly status: ActionStatus;
  readonly createdBy: string;
  readonly createdAt: string;
}

/** What matters to the person, and whether the plan goes to the GP record (`PUT .../care-plan`). */
export interface PersonalisedPlan {
  readonly whatMatters?: string;
  /** Shared with the GP record (consent allowing): every later change goes back too. */
  readonly shared: boolean;
  readonly updatedBy: string;
  readonly updatedAt: string;
}

/** GET /api/cases/:caseId/care-plan: the plan and what it is built from. */
export interface CaseCarePlan {
  /** Null until the link worker writes the plan. */
  readonly plan: PersonalisedPlan | null;
  readonly needs: readonly AssessedNeed[];
  readonly actions: readonly CarePlanAction[];
  /** The case's goals, cancelled ones left out. */
  readonly goals: readonly GoalRecord[];
  /** The case's onward referrals, revoked ones left out. */
  readonly onward: readonly OnwardReferral[];
}
