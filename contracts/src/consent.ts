import { z } from 'zod';
import { body, FIELD } from './rules';

// The consent requests.

/** POST /api/cases/:caseId/consent/withdraw: no fields (an empty body is the same). */
export const WithdrawConsentRequest = body({});
export type WithdrawConsentRequest = z.input<typeof WithdrawConsentRequest>;

/** PUT /api/cases/:caseId/consent/research: record (true) or withdraw (false) research use. */
export const ResearchPermissionRequest = body({
  permitted: z.boolean({ error: `${FIELD} must be true or false.` }),
});
export type ResearchPermissionRequest = z.input<typeof ResearchPermissionRequest>;

// What the API answers: the app reads these, the adapter's handlers are typed by them.

/** What the patient agreed to, as the case holds it (the adapter's `CaseConsent`). */
export interface CaseConsent {
  readonly caseId: string;
  readonly consentRef?: string;
  /** The Consent's status on the GP record: `active`, `inactive` once withdrawn, ... */
  readonly status: string;
  /** The patient agreed to share the referral with the link-worker service. */
  readonly shareWithService: boolean;
  /** The patient agreed to have goals and outcomes written back to the GP record. */
  readonly writeBack: boolean;
  readonly recordedAt?: string;
  /** Who recorded the consent, by name. */
  readonly recordedBy?: string;
  readonly withdrawnAt?: string;
  readonly withdrawnBy?: string;
  /**
   * The person also agreed to their de-identified information being used for research and
   * service evaluation (false once consent is withdrawn); undefined from an older adapter.
   */
  readonly research?: boolean;
  /** When, and by whom, the link worker last recorded or withdrew that. */
  readonly researchChangedAt?: string;
  readonly researchChangedBy?: string;
}
