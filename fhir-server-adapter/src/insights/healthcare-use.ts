import {
  COUNTED_SETTINGS,
  ENCOUNTER_CLASSIFICATION,
  SETTING_LABELS,
  type EncounterSetting,
} from '@linkwell/profiles';
import type { Queryable } from '../db/database';
import type { InsightsFilter } from './filters';
import {
  WINDOW_MONTHS,
  healthcareUseRows,
  type HealthcareUseRow,
  type WindowMonths,
} from './healthcare-use-queries';
import type { EncounterRefreshJob } from './healthcare-use-refresh';
import { meanInterval, suppressCount, suppressStat, type Shown } from './statistics';

/** One window and setting for a group: people, follow-up, means and the paired difference. */
export interface HealthcareUseFigure {
  readonly group: string;
  readonly months: WindowMonths;
  readonly setting: EncounterSetting;
  readonly label: string;
  readonly people: Shown<number>;
  readonly followedUp: Shown<number>;
  readonly meanBefore: Shown<number>;
  readonly meanAfter: Shown<number>;
  /** Mean of (after - before) per person, with its 95% CI (Student's t). */
  readonly meanDifference: Shown<number>;
  readonly ciLow: Shown<number>;
  readonly ciHigh: Shown<number>;
}

export interface HealthcareUseSection {
  readonly classification: readonly string[];
  readonly windowRule: string;
  readonly consented: Shown<number>;
  /** Consented people whose Encounters have not been read yet (a refresh reads them). */
  readonly awaitingRead: Shown<number>;
  readonly refresh: RefreshView | null;
  readonly overall: HealthcareUseFigure[];
  readonly byCohort: HealthcareUseFigure[];
  readonly byPractice: HealthcareUseFigure[];
}

export interface RefreshView {
  readonly id: string;
  readonly status: EncounterRefreshJob['status'];
  readonly patients: number;
  readonly read: number;
  /** 0 to 1. */
  readonly progress: number;
  /** EHR endpoints (ids) whose reads failed: only their people are left stale. */
  readonly failedEndpoints: readonly string[];
  /** The same endpoints by the names the service knows them by (the id when it has none). */
  readonly failedRecordNames: readonly string[];
  readonly startedAt: string;
  readonly finishedAt: string | null;
}

export const refreshView = (
  job: EncounterRefreshJob,
  endpointNames: ReadonlyMap<string, string> = new Map(),
): RefreshView => ({
  id: job.id,
  status: job.status,
  patients: job.patients,
  read: job.read,
  progress: job.status === 'done' || job.patients === 0 ? 1 : job.read / job.patients,
  failedEndpoints: [...job.failedEndpoints],
  failedRecordNames: job.failedEndpoints.map((id) => endpointNames.get(id) ?? id),
  startedAt: job.startedAt,
  finishedAt: job.finishedAt ?? null,
});

export const WINDOW_RULE =
  'For each person with consent to share, counted once from their first consented referral in view, Encounters are counted in the 6 and 12 months before the referral (up to and including the referral day) and after it. A person counts after referral only once the whole window has passed (today minus the referral date is at least the window) and the Encounters were read since; the paired difference is after minus before for those people, with a 95% confidence interval.';

const round = (value: number): number => Number(value.toFixed(2));

/** One row shown (pure): counts under 5 and statistics over fewer than 5 people suppressed. */
export function healthcareUseFigure(row: HealthcareUseRow): HealthcareUseFigure {
  const n = row.followedUp;
  const ci = meanInterval(n, row.meanDifference ?? 0, row.sdDifference ?? undefined);
  const stat = (value: number | null | undefined): Shown<number> =>
    suppressStat(n, value === null || value === undefined ? 0 : round(value));
  return {
    group: row.group,
    months: row.months,
    setting: row.setting,
    label: `${SETTING_LABELS[row.setting]}, ${row.months} months`,
    people: suppressCount(row.people),
    followedUp: suppressCount(n),
    meanBefore: stat(row.meanBefore),
    meanAfter: stat(row.meanAfter),
    meanDifference: stat(row.meanDifference),
    ciLow: stat(ci.low),
    ciHigh: stat(ci.high),
  };
}

/** The whole section for the filter; every window and setting appears overall, even when empty. */
export async function healthcareUseSection(
  db: Queryable,
  filter: InsightsFilter,
  today: string,
  latest: EncounterRefreshJob | undefined,
  endpointNames?: ReadonlyMap<string, string>,
): Promise<HealthcareUseSection> {
  const { rows, consented, awaitingRead } = await healthcareUseRows(db, filter, today);
  const overall = WINDOW_MONTHS.flatMap((months) =>
    COUNTED_SETTINGS.map(
      (setting): HealthcareUseRow =>
        rows.find((r) => r.dimension === 'all' && r.months === months && r.setting === setting) ?? {
          dimension: 'all',
          group: 'all',
          months,
          setting,
          people: 0,
          followedUp: 0,
          meanBefore: null,
          meanAfter: null,
          meanDifference: null,
          sdDifference: null,
        },
    ),
  );
  return {
    classification: ENCOUNTER_CLASSIFICATION,
    windowRule: WINDOW_RULE,
    consented: suppressCount(consented),
    awaitingRead: suppressCount(awaitingRead),
    refresh: latest === undefined ? null : refreshView(latest, endpointNames),
    overall: overall.map(healthcareUseFigure),
    byCohort: rows.filter((r) => r.dimension === 'cohort').map(healthcareUseFigure),
    byPractice: rows.filter((r) => r.dimension === 'practice').map(healthcareUseFigure),
  };
}
