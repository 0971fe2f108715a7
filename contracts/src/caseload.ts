import type { z } from 'zod';
import type { CaseSummary, SyncState } from './case';
import { body, calendarDate } from './rules';

// The caseload's requests.

/** PUT /api/cases/:caseId/follow-up: the next follow-up day, or null to clear it. */
export const FollowUpRequest = body({
  due: calendarDate('due is required (YYYY-MM-DD, or null).').nullable(),
});
export type FollowUpRequest = z.input<typeof FollowUpRequest>;

// What the API answers: the app reads these, the adapter's handlers are typed by them.

export interface CaseloadRow extends CaseSummary {
  readonly patientName?: string;
  readonly birthDate?: string;
  readonly nhsNumber?: string;
  /** Not registered on the EHR: the case lives only in the service's store. */
  readonly local?: boolean;
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

export interface CaseDetails {
  readonly referral: ReferralView | null;
  readonly nextFollowUp: string | null;
  readonly syncStates: readonly SyncState[];
  /** The person's name as recorded, for a case not on the GP record (a local-only case). */
  readonly localName?: string | null;
  /**
   * The GP record (EHR endpoint) the case is on, when the service's adapter serves several
   * practices' records; null (or absent, from an older adapter) otherwise.
   */
  readonly gpRecord?: { readonly id: string; readonly name: string } | null;
}

export interface CommunityService {
  readonly id: string;
  readonly name: string;
  readonly offers?: string;
  readonly category?: string;
  readonly where?: string;
}
