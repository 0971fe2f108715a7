import { REFERRAL_NEEDS, referralNeedCoding } from '@linkwell/profiles';

export const carePlanPath = (caseId: string): string =>
  `cases/${encodeURIComponent(caseId)}/care-plan`;

export const NEED_WORDS: Readonly<Record<string, string>> = Object.fromEntries(
  REFERRAL_NEEDS.map((need) => [need, referralNeedCoding(need).display ?? need]),
);

export const ACTION_WORDS = { agreed: 'To do', done: 'Done', dropped: 'No longer needed' } as const;
