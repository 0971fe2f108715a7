import type {
  CommunicationAdjustment,
  ContactPreference,
  ReferralNeed,
  RiskType,
} from '@linkwell/profiles';

/** A risk the GP knows of: what kind, and what the link worker should know. */
export interface RiskDraft {
  readonly type: RiskType;
  readonly detail: string;
}

/** How to communicate with the patient: language, interpreter, adjustments, anything else. */
export interface CommunicationDraft {
  /** A BCP-47 tag, or '' when not said. */
  readonly language: string;
  readonly interpreterNeeded: boolean;
  readonly adjustments: readonly CommunicationAdjustment[];
  readonly detail: string;
}

export const NO_COMMUNICATION_NEEDS: CommunicationDraft = {
  language: '',
  interpreterNeeded: false,
  adjustments: [],
  detail: '',
};

/** The referral form as the GP fills it in. */
export interface ReferralDraft {
  readonly needs: readonly ReferralNeed[];
  readonly otherNeeds: string;
  readonly whatMatters: string;
  readonly priority: 'routine' | 'urgent';
  readonly consentToShare: boolean;
  readonly consentToWriteBack: boolean;
  /**
   * A separate choice, off unless the patient agrees: their de-identified information may also be
   * used for research and service evaluation (the Consent's nested research permit).
   */
  readonly consentToResearch?: boolean;
  readonly contactPreferences: readonly ContactPreference[];
  /** `Organization/<id>` of the link-worker service. */
  readonly service: string;
  /** Lone-working and safeguarding risks, other agencies involved (each sent as a Flag). */
  readonly risks?: readonly RiskDraft[];
  readonly communication?: CommunicationDraft;
}

/** Form fields a problem can be shown against; `form` is the whole form. */
export type DraftField =
  | 'needs'
  | 'otherNeeds'
  | 'whatMatters'
  | 'priority'
  | 'consentToShare'
  | 'consentToResearch'
  | 'contactPreferences'
  | 'service'
  | 'risks'
  | 'communication'
  | 'adjustments'
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
    consentToResearch: false,
    contactPreferences: [],
    service,
    risks: [],
    communication: NO_COMMUNICATION_NEEDS,
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
  const vague = (draft.risks ?? []).find(
    (r) => (r.type === 'other-agency' || r.type === 'other-risk') && r.detail.trim() === '',
  );
  if (vague !== undefined) {
    errors.risks =
      vague.type === 'other-agency'
        ? 'Say which other agencies are involved'
        : 'Say what the other risk is';
  }
  const communication = draft.communication ?? NO_COMMUNICATION_NEEDS;
  if (communication.interpreterNeeded && communication.language === '') {
    errors.communication = 'Choose the language the interpreter should speak';
  }
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
