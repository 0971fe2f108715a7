import type { Instrument, ReferralBusinessStatus, ReferralTaskStatus } from '@linkwell/profiles';

// The adapter's JSON shapes, as the link-worker app reads them (see fhir-server-adapter/README.md).

export interface SignedInWorker {
  readonly practitioner: string;
  readonly serviceOrg: string;
  /** The link worker's name; null when the FHIR server does not know it. */
  readonly name?: string | null;
  /** Whether they manage the service (sees the service's figures and exports). */
  readonly manager?: boolean;
}

/** A member of the signed-in worker's service (`GET /api/team`). */
export interface TeamMember {
  readonly practitioner: string;
  readonly name: string;
}

/** A referral the adapter would not take on, held for review: the reason only, no patient data. */
export interface HeldReferral {
  readonly taskId: string;
  readonly reason: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

export interface CaseSummary {
  readonly id: string;
  readonly status: ReferralTaskStatus;
  readonly statusReason?: string;
  readonly businessStatus?: ReferralBusinessStatus;
  readonly assignedTo?: string;
  /** The name of the link worker holding the case. */
  readonly assignedToName?: string;
  readonly receivedAt: string;
  readonly updatedAt: string;
}

export interface CaseloadRow extends CaseSummary {
  readonly patientName?: string;
  readonly birthDate?: string;
  readonly nhsNumber?: string;
  readonly priority: string;
  readonly needs: readonly string[];
  readonly referredAt: string;
  readonly waitingDays: number;
  readonly awaitingFirstContact: boolean;
  readonly contactAttempts: number;
  readonly lastContactAt?: string;
  readonly nextFollowUp?: string;
  readonly followUpOverdue: boolean;
  /** Diary appointments the person did not attend. */
  readonly didNotAttend?: number;
  /** A colleague covering the case while its holder is away (active from its first day). */
  readonly cover?: CaseCover;
}

export interface CaseCover {
  readonly practitioner: string;
  readonly name?: string;
  /** YYYY-MM-DD, inclusive. */
  readonly from: string;
  readonly until: string;
  readonly active: boolean;
}

export interface Caseload {
  readonly cases: readonly CaseloadRow[];
  readonly awaitingFirstContact: number;
}

export interface ContactAttempt {
  readonly id: string;
  readonly at: string;
  readonly method: string;
  readonly outcome: string;
  readonly linkWorker: string;
}

export interface CaseNote {
  readonly id: string;
  readonly author: string;
  readonly text: string;
  readonly createdAt: string;
}

export interface GoalRecord {
  readonly id: string;
  readonly description: string;
  readonly lifecycleStatus: string;
  readonly achievement?: string;
  readonly targetDetail?: string;
  readonly targetDue?: string;
  readonly startDate: string;
  readonly shared: boolean;
}

export interface AnswersRecord {
  readonly id: string;
  readonly instrument: Instrument;
  readonly timing: 'baseline' | 'follow-up';
  readonly answers: Readonly<Record<string, number>>;
  readonly authored: string;
  readonly shared: boolean;
}

export interface OnwardReferral {
  readonly id: string;
  readonly serviceRef: string;
  readonly serviceName?: string;
  readonly note?: string;
  readonly status: string;
  readonly authoredOn: string;
  readonly shared: boolean;
  /** What the community service reported (issue 12); awaiting-reply at first. */
  readonly state?: string;
  readonly stateReason?: string;
}

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

/** How a closed case ended, in the link worker's words. */
export interface CaseClosure {
  readonly reason: string;
  readonly gpActions?: string | null;
  readonly closedAt: string;
}

/** One step the case went through, oldest first. */
export interface StatusStep {
  readonly status: ReferralTaskStatus;
  readonly businessStatus?: ReferralBusinessStatus | null;
  readonly at: string;
  /** `Practitioner/<id>` of whoever made the change, when known. */
  readonly by?: string | null;
}

export interface CaseRecordDetail extends CaseSummary {
  readonly contactAttempts: readonly ContactAttempt[];
  readonly notes: readonly CaseNote[];
  readonly goals: readonly GoalRecord[];
  readonly questionnaires: readonly AnswersRecord[];
  readonly onwardReferrals: readonly OnwardReferral[];
  /** Undefined only from an adapter older than issue 9; null when no consent came with the referral. */
  readonly consent?: CaseConsent | null;
  readonly closure?: CaseClosure | null;
  readonly statusHistory?: readonly StatusStep[];
}

export interface PatientView {
  readonly name: string;
  readonly birthDate?: string;
  readonly gender?: string;
  readonly nhsNumber?: string;
  readonly phone?: string;
  readonly email?: string;
  readonly address?: string;
}

export interface CodedText {
  readonly code: string;
  readonly display: string;
}

/** Who referred: the clinician's name, role and practice. */
export interface Requester {
  readonly name: string;
  readonly role?: string;
  readonly practice?: string;
}

export interface ReferralView {
  readonly authoredOn?: string;
  readonly priority: string;
  readonly needs: readonly CodedText[];
  readonly context?: string;
  readonly contactPreferences: readonly CodedText[];
  readonly requester?: Requester;
  readonly patient?: PatientView;
}

export type SyncKind = 'task' | 'goal' | 'outcome' | 'onward' | 'summary' | 'consent';

export interface SyncState {
  readonly kind: SyncKind;
  readonly recordId: string;
  readonly state: 'synced' | 'pending' | 'refused';
  readonly message?: string;
  readonly seq: number;
}

export interface CaseDetails {
  readonly referral: ReferralView | null;
  readonly nextFollowUp: string | null;
  readonly syncStates: readonly SyncState[];
  /** The person's name as recorded, for a case not on the GP record (a local-only case). */
  readonly localName?: string | null;
}

export interface CommunityService {
  readonly id: string;
  readonly name: string;
  readonly offers?: string;
  readonly category?: string;
  readonly where?: string;
}

/** A meeting or call in the diary (`/api/cases/:id/appointments`, `/api/diary`). */
export interface DiaryAppointment {
  readonly id: string;
  readonly caseId: string;
  readonly practitioner: string;
  readonly status: 'booked' | 'fulfilled' | 'noshow' | 'cancelled';
  readonly start: string;
  readonly end: string;
  readonly minutes: number;
  readonly mode: 'in-person' | 'phone' | 'video';
  readonly where?: string;
  readonly withWhom?: string;
  readonly cancelReason?: string;
  readonly patientName?: string;
}

export interface CaseAppointments {
  readonly appointments: readonly DiaryAppointment[];
  readonly attendance: {
    readonly attended: number;
    readonly didNotAttend: number;
    readonly cancelled: number;
  };
}

/** Who has held or covered a case (`/api/cases/:id/assignments`). */
export interface CaseAssignment {
  readonly seq: number;
  readonly kind: 'holder' | 'cover';
  readonly practitioner: string;
  readonly coverFrom?: string;
  readonly coverUntil?: string;
  readonly endedAt?: string;
  readonly at: string;
  readonly by: string;
}

export interface CaseAssignments {
  readonly history: readonly CaseAssignment[];
  readonly cover: CaseAssignment | null;
}
