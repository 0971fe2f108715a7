import { REFERRAL_NEEDS, referralNeedCoding, type ReferralNeed } from '@linkwell/profiles';

/** `GET /api/cases/:id/care-plan`, as the screens read it. */
export interface CarePlanData {
  readonly plan: { readonly whatMatters?: string; readonly shared: boolean } | null;
  readonly needs: readonly { id: string; need: ReferralNeed; concern?: string }[];
  readonly actions: readonly {
    id: string;
    description: string;
    who?: string;
    due?: string;
    status: 'agreed' | 'done' | 'dropped';
  }[];
  readonly goals: readonly { id: string; description: string; lifecycleStatus: string }[];
  readonly onward: readonly { id: string; serviceName?: string; note?: string }[];
}

export const carePlanPath = (caseId: string): string =>
  `cases/${encodeURIComponent(caseId)}/care-plan`;

export const NEED_WORDS: Readonly<Record<string, string>> = Object.fromEntries(
  REFERRAL_NEEDS.map((need) => [need, referralNeedCoding(need).display ?? need]),
);

export const ACTION_WORDS = { agreed: 'To do', done: 'Done', dropped: 'No longer needed' } as const;
