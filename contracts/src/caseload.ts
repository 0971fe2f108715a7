import type { z } from 'zod';
import { body, calendarDate } from './rules';

// The caseload's requests.

/** PUT /api/cases/:caseId/follow-up: the next follow-up day, or null to clear it. */
export const FollowUpRequest = body({
  due: calendarDate('due is required (YYYY-MM-DD, or null).').nullable(),
});
export type FollowUpRequest = z.input<typeof FollowUpRequest>;
