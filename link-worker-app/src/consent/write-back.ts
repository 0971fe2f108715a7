import type { CaseConsent } from '@linkwell/contracts';
import { formatDate } from '../dates';

/** Whether goals, outcomes and onward referrals may go to the GP record, and why not. */
export interface WriteBack {
  readonly allowed: boolean;
  /** Why the share boxes are off, in words for the link worker (undefined when allowed). */
  readonly why?: string;
}

export const isWithdrawn = (consent: CaseConsent): boolean =>
  consent.withdrawnAt !== undefined || consent.status === 'inactive';

/** The same rule as the adapter's `writeBackAllowed`: active, agreed, not withdrawn. */
export function writeBackOf(consent: CaseConsent | null | undefined): WriteBack {
  if (consent === null || consent === undefined) {
    return {
      allowed: false,
      why: 'No consent came with this referral, so nothing is written back to the GP record beyond the referral’s status.',
    };
  }
  if (isWithdrawn(consent)) {
    return {
      allowed: false,
      why: `Consent was withdrawn${consent.withdrawnAt === undefined ? '' : ` on ${formatDate(consent.withdrawnAt)}`}: nothing more is written back to the GP record.`,
    };
  }
  if (consent.status !== 'active') {
    return {
      allowed: false,
      why: `The consent is ${consent.status}, so nothing is written back to the GP record.`,
    };
  }
  if (!consent.writeBack) {
    return {
      allowed: false,
      why: 'The person did not agree to have goals and outcomes written back to the GP record.',
    };
  }
  return { allowed: true };
}
