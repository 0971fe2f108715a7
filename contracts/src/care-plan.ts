import type { z } from 'zod';
import { ACTION_STATUSES, REFERRAL_NEEDS } from '@linkwell/profiles';
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
