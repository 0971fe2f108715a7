import type { z } from 'zod';
import { body } from './rules';

// The consent requests.

/** POST /api/cases/:caseId/consent/withdraw: no fields (an empty body is the same). */
export const WithdrawConsentRequest = body({});
export type WithdrawConsentRequest = z.input<typeof WithdrawConsentRequest>;
