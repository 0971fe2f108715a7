import type { z } from 'zod';
import { REFERRAL_BUSINESS_STATUSES, REFERRAL_STATUS_REASONS } from '@linkwell/profiles';
import { DISCHARGE_OUTCOMES } from './case-lists';
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
