import type { Task } from 'fhir/r4';
import type {
  AnswersRecord,
  ContactAttempt as ContactAttemptAnswer,
  SyncKind,
} from '@linkwell/contracts';
import type {
  OnwardReferralState,
  ReferralBusinessStatus,
  ReferralTaskStatus,
} from '@linkwell/profiles';

/** What the store keeps. References are FHIR literal references (`Patient/123`). */
export interface CaseRecord {
  readonly id: string;
  readonly serviceOrg: string;
  /** The EHR endpoint the referral came from: reads and writes for the case go there only. */
  readonly endpoint: string;
  /** The case's Task on the EHR; undefined while the case lives only in the store (see LinkedCase). */
  readonly taskId: string | undefined;
  /** The Task version the adapter last saw on the FHIR server (for If-Match). */
  readonly taskVersion: string | undefined;
  /** The Task as the adapter last saw it on the FHIR server. */
  readonly task: Task | undefined;
  readonly referralRef: `ServiceRequest/${string}` | undefined;
  readonly patientRef: `Patient/${string}` | undefined;
  readonly status: ReferralTaskStatus;
  /** A code from the status reasons, or free text. */
  readonly statusReason: string | undefined;
  readonly businessStatus: ReferralBusinessStatus | undefined;
  readonly assignedTo: string | undefined;
  readonly receivedAt: string;
  readonly updatedAt: string;
}

/** A case with its Task, Referral and Patient on the EHR: the only kind that syncs. */
export type LinkedCase = CaseRecord & {
  readonly taskId: string;
  readonly task: Task;
  readonly referralRef: `ServiceRequest/${string}`;
  readonly patientRef: `Patient/${string}`;
};

/** The case when it is linked to the EHR, else undefined (a person not registered there). */
export const linkedCase = (record: CaseRecord | undefined): LinkedCase | undefined =>
  record?.taskId !== undefined &&
  record.task !== undefined &&
  record.referralRef !== undefined &&
  record.patientRef !== undefined
    ? (record as LinkedCase)
    : undefined;

/** A contact attempt as the API answers it, and the case it belongs to. */
export interface ContactAttempt extends ContactAttemptAnswer {
  readonly caseId: string;
}

/** A private case note: kept in the store only, never synced. */
export interface CaseNote {
  readonly id: string;
  readonly caseId: string;
  readonly author: string;
  readonly text: string;
  readonly createdAt: string;
}

export interface GoalRecord {
  readonly id: string;
  readonly caseId: string;
  readonly description: string;
  readonly lifecycleStatus: 'proposed' | 'active' | 'on-hold' | 'completed' | 'cancelled';
  readonly achievement: string | undefined;
  readonly targetMeasure: string | undefined;
  readonly targetDetail: string | undefined;
  readonly targetDue: string | undefined;
  readonly startDate: string;
  readonly shared: boolean;
  readonly linkWorker: string;
  readonly createdAt: string;
}

/** Questionnaire answers as the API answers them, the case and who entered them. */
export interface QuestionnaireAnswersRecord extends AnswersRecord {
  readonly caseId: string;
  readonly linkWorker: string;
}

export interface OnwardReferralRecord {
  readonly id: string;
  readonly caseId: string;
  readonly serviceRef: `HealthcareService/${string}`;
  readonly serviceName: string | undefined;
  readonly note: string | undefined;
  readonly status: 'active' | 'completed' | 'revoked';
  readonly authoredOn: string;
  readonly shared: boolean;
  readonly linkWorker: string;
  /** What the community service reported (see directory/onward-progress.ts); awaiting-reply at first. */
  readonly state?: OnwardReferralState;
  readonly stateReason?: string;
  readonly stateAt?: string;
  /** When the service first answered (accepted or declined). */
  readonly repliedAt?: string;
}

/** What an outbox change is about: the contract's list (`SyncKind`), shared with the app. */
export type ChangeKind = SyncKind;

export interface OutboxChange {
  readonly seq: number;
  readonly caseId: string;
  readonly kind: ChangeKind;
  readonly recordId: string;
  readonly linkWorker: string;
  readonly attempts: number;
}

export interface HeldChange extends OutboxChange {
  readonly message: string;
}

/** A FHIR resource the sync wrote for a record, with the version it last saw. */
export interface FhirLink {
  readonly kind: ChangeKind;
  readonly recordId: string;
  readonly resourceType: string;
  readonly fhirId: string;
  readonly versionId: string | undefined;
  readonly contentHash: string;
}

/**
 * What the patient agreed to, as the case holds it (from the Consent the GP recorded with the
 * referral, kept fresh from the EHR, or withdrawn by the link worker).
 */
export interface CaseConsent {
  readonly caseId: string;
  /** `Consent/<id>` on the EHR; undefined when the referral carried no Consent. */
  readonly consentRef: `Consent/${string}` | undefined;
  readonly versionId: string | undefined;
  /** The Consent's status on the EHR (`active`, `inactive` once withdrawn, ...). */
  readonly status: string;
  /** The patient agreed to share the referral with the link-worker service. */
  readonly shareWithService: boolean;
  /** The patient agreed to have goals and outcomes written back to the GP record. */
  readonly writeBack: boolean;
  readonly recordedAt: string | undefined;
  /** Who recorded the consent, as a name (the referring GP). */
  readonly recordedBy: string | undefined;
  readonly withdrawnAt: string | undefined;
  /** Who recorded the withdrawal, as a name. */
  readonly withdrawnBy: string | undefined;
  /**
   * The person also agreed to their de-identified information being used for research and
   * service evaluation (the Consent's nested HRESCH permit, or the link worker's record of it).
   * False once the consent is withdrawn.
   */
  readonly research: boolean;
  /** When the link worker last recorded or withdrew the research permission (undefined: never). */
  readonly researchChangedAt?: string;
  /** Who did, as a name. */
  readonly researchChangedBy?: string;
}

/** Goals, outcomes, onward referrals and the summary's clinical content go back only with this. */
export function writeBackAllowed(consent: CaseConsent | undefined): boolean {
  return (
    consent !== undefined &&
    consent.status === 'active' &&
    consent.writeBack &&
    consent.withdrawnAt === undefined
  );
}
