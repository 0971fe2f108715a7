import type { z } from 'zod';
import { ONWARD_REFERRAL_STATE_CODES } from '@linkwell/profiles';
import { body, oneOf, optionalText, wholeNumber } from './rules';

// The service directory's requests: a service's capacity, an onward referral's progress.

/** Whether a community service takes referrals now (confirmed by the service, or the feed's). */
export const CAPACITY_STATES = ['taking-referrals', 'waiting-list', 'paused', 'closed'] as const;
export type CapacityState = (typeof CAPACITY_STATES)[number];

/** PUT /api/directory/services/:id/capacity */
export const CapacityRequest = body({
  state: oneOf(CAPACITY_STATES),
  expectedWaitWeeks: wholeNumber(
    0,
    104,
    'expectedWaitWeeks must be a whole number of weeks (0 to 104).',
  ).optional(),
  note: optionalText(500),
});
export type CapacityRequest = z.input<typeof CapacityRequest>;

/** POST /api/onward-referrals/:id/report: what the service said; a refusal or no-show says why. */
export const OnwardReportRequest = body({
  state: oneOf(ONWARD_REFERRAL_STATE_CODES),
  reason: optionalText(500),
}).superRefine((v, ctx) => {
  if ((v.state === 'declined' || v.state === 'did-not-attend') && v.reason === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'Say why (reason) when the service declined or the person did not attend.',
      path: ['reason'],
    });
  }
});
export type OnwardReportRequest = z.input<typeof OnwardReportRequest>;
