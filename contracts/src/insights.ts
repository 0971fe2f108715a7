import type { EncounterSetting } from '@linkwell/profiles';

// What the insights routes answer (`GET /api/insights`, its healthcare-use section, exports): the
// adapter's answers are checked against these (fhir-server-adapter/src/insights/report.ts) and the
// link-worker app reads them.

/** A figure, or null when it is about fewer than 5 people and so not shown. */
export type Shown =
  | { readonly value: number; readonly suppressed: false }
  | {
      readonly value: null;
      readonly suppressed: true;
    };

export interface Bar {
  readonly key: string;
  readonly label: string;
  readonly count: Shown;
}

export interface InsightsFilterValues {
  readonly from?: string;
  readonly to?: string;
  readonly practice?: string;
  readonly worker?: string;
  readonly need?: string;
}

export interface InsightsReport {
  readonly filter: InsightsFilterValues;
  readonly generatedAt: string;
  readonly smallCountRule: string;
  /** `service` for a manager, `own-cases` for a link worker. */
  readonly scope: 'service' | 'own-cases';
  readonly flow: {
    readonly referrals: Shown;
    readonly byMonth: readonly Bar[];
    readonly byPractice: readonly Bar[];
    readonly byNeed: readonly Bar[];
    readonly byOutcome: readonly Bar[];
    readonly declineReasons: readonly Bar[];
    readonly openByWorker: readonly Bar[];
  };
  readonly timeliness: {
    readonly measures: readonly {
      readonly key: string;
      readonly label: string;
      readonly referrals: Shown;
      readonly medianDays: Shown;
      readonly p90Days: Shown;
    }[];
    readonly openCases: Shown;
    readonly overdueFollowUps: Shown;
  };
  readonly support: {
    readonly cases: Shown;
    readonly contactsPerCase: Shown;
    readonly meetingsPerCase: Shown;
    readonly medianContacts: Shown;
    readonly medianMeetings: Shown;
    readonly onward: readonly {
      readonly service: string;
      readonly status: string;
      readonly label: string;
      readonly count: Shown;
    }[];
  };
  readonly outcomes: readonly {
    readonly key: string;
    readonly label: string;
    readonly higherIsBetter: boolean;
    readonly threshold: number;
    readonly thresholdSource: string;
    readonly people: Shown;
    readonly meanChange: Shown;
    readonly ciLow: Shown;
    readonly ciHigh: Shown;
    readonly passed: Shown;
    readonly passedShare: Shown;
  }[];
  /** Healthcare use before and after referral: the manager's only (absent for a link worker). */
  readonly healthcareUse?: HealthcareUse;
  readonly equity: readonly {
    readonly dimension: 'age-band' | 'sex' | 'ethnicity' | 'deprivation-decile';
    readonly group: string;
    readonly referrals: Shown;
    readonly withOutcome: Shown;
    readonly improved: Shown;
  }[];
}

export type ExportKind = 'csv' | 'ndjson' | 'research';

/** An export job (`GET /api/exports/<id>`). */
export interface ExportStatus {
  readonly id: string;
  readonly kind: ExportKind;
  readonly status: 'running' | 'done' | 'failed';
  readonly rows: number;
  readonly total: number;
  /** 0 to 1. */
  readonly progress: number;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly download: string | null;
}

/** One window and setting for a group (fhir-server-adapter/src/insights/healthcare-use.ts). */
export interface HealthcareUseFigure {
  readonly group: string;
  readonly months: 6 | 12;
  /** One of profiles' COUNTED_SETTINGS (`other` is never counted). */
  readonly setting: EncounterSetting;
  readonly label: string;
  readonly people: Shown;
  readonly followedUp: Shown;
  readonly meanBefore: Shown;
  readonly meanAfter: Shown;
  readonly meanDifference: Shown;
  readonly ciLow: Shown;
  readonly ciHigh: Shown;
}

/** A refresh of the Encounters read from the EHR (`/api/insights/healthcare-use/refresh`). */
export interface EncounterRefreshStatus {
  readonly id: string;
  readonly status: 'running' | 'done' | 'failed';
  readonly patients: number;
  readonly read: number;
  /** 0 to 1. */
  readonly progress: number;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  /** EHR endpoints (ids) the last refresh could not read; their people keep older figures. */
  readonly failedEndpoints?: readonly string[];
  /** The same GP records by name, to show. */
  readonly failedRecordNames?: readonly string[];
}

export interface HealthcareUse {
  readonly classification: readonly string[];
  readonly windowRule: string;
  readonly consented: Shown;
  readonly awaitingRead: Shown;
  readonly refresh: EncounterRefreshStatus | null;
  readonly overall: readonly HealthcareUseFigure[];
  readonly byCohort: readonly HealthcareUseFigure[];
  readonly byPractice: readonly HealthcareUseFigure[];
}
