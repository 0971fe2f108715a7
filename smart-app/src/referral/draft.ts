import type { ContactPreference, ReferralNeed } from '@linkwell/profiles';

/** The referral form as the GP fills it in. */
export interface ReferralDraft {
  readonly needs: readonly ReferralNeed[];
  readonly otherNeeds: string;
  readonly whatMatters: string;
  readonly priority: 'routine' | 'urgent';
  readonly consentToShare: boolean;
  readonly consentToWriteBack: boolean;
  readonly contactPreferences: readonly ContactPreference[];
  /** `Organization/<id>` of the link-worker service. */
  readonly service: string;
}

/** Form fields a problem can be shown against; `form` is the whole form. */
export type DraftField =
  | 'needs'
  | 'otherNeeds'
  | 'whatMatters'
  | 'priority'
  | 'consentToShare'
  | 'contactPreferences'
  | 'service'
  | 'form';

export type FieldErrors = Partial<Record<DraftField, string>>;

export function emptyDraft(service = ''): ReferralDraft {
  return {
    needs: [],
    otherNeeds: '',
    whatMatters: '',
    priority: 'routine',
    consentToShare: false,
    consentToWriteBack: true,
    contactPreferences: [],
    service,
  };
}

/** What must be right before anything is sent: the profile's rules, in a GP's words. */
export function checkDraft(draft: ReferralDraft): FieldErrors {
  const errors: FieldErrors = {};
  if (draft.needs.length === 0) {
    errors.needs = 'Choose at least one need (add any detail under "Other needs or context")';
  }
  if (!draft.consentToShare) {
    errors.consentToShare =
      'Confirm the patient agrees to share this referral with the link-worker service';
  }
  if (draft.service === '') errors.service = 'Choose the link-worker service';
  return errors;
}

/** The referral's note: what matters to the patient first, then anything else the GP added. */
export function noteOf(draft: ReferralDraft): string | undefined {
  const parts = [
    draft.whatMatters.trim() === ''
      ? undefined
      : `What matters to the patient: ${draft.whatMatters.trim()}`,
    draft.otherNeeds.trim() === ''
      ? undefined
      : `Other needs or context: ${draft.otherNeeds.trim()}`,
  ].filter((part): part is string => part !== undefined);
  return parts.length === 0 ? undefined : parts.join('\n');
}
