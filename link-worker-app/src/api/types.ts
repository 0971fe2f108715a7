import type { Instrument, ReferralBusinessStatus, ReferralTaskStatus } from '@linkwell/profiles';

// The adapter's JSON shapes, as the link-worker app reads them (see fhir-server-adapter/README.md).

export interface SignedInWorker {
  readonly practitioner: string;
  readonly serviceOrg: string;
}

export interface CaseSummary {
  readonly id: string;
  readonly status: ReferralTaskStatus;
  readonly statusReason?: string;
  readonly businessStatus?: ReferralBusinessStatus;
  readonly assignedTo?: string;
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
}

export interface CaseRecordDetail extends CaseSummary {
  readonly contactAttempts: readonly ContactAttempt[];
  readonly notes: readonly CaseNote[];
  readonly goals: readonly GoalRecord[];
  readonly questionnaires: readonly AnswersRecord[];
  readonly onwardReferrals: readonly OnwardReferral[];
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

export interface ReferralView {
  readonly authoredOn?: string;
  readonly priority: string;
  readonly needs: readonly CodedText[];
  readonly context?: string;
  readonly contactPreferences: readonly CodedText[];
  readonly requester?: string;
  readonly patient?: PatientView;
}

export type SyncKind = 'task' | 'goal' | 'outcome' | 'onward';

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
}

export interface CommunityService {
  readonly id: string;
  readonly name: string;
  readonly offers?: string;
  readonly category?: string;
  readonly where?: string;
}
