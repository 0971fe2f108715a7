import { COUNTED_SETTINGS, type EncounterSetting } from '@linkwell/profiles';
import type { Queryable } from '../db/database';
import { scopedCases, type InsightsFilter } from './filters';
import { SEVERAL_CTE } from './people';

/** The windows before and after referral, in months. */
export const WINDOW_MONTHS = [6, 12] as const;
export type WindowMonths = (typeof WINDOW_MONTHS)[number];

/** A case (alias `c`) whose patient agreed to share with the service, as the exports read it. */
export const CONSENTED_CASE_SQL = `EXISTS (SELECT 1 FROM case_consents cc WHERE cc.case_id = c.id
  AND cc.status = 'active' AND cc.share_with_service AND cc.withdrawn_at IS NULL)`;

/** The referral's day (UTC) of a case `c` with its facts `f`. */
export const REFERRAL_DAY_SQL = `(COALESCE(f.referred_at, c.received_at) AT TIME ZONE 'UTC')::date`;

export interface HealthcareUseRow {
  /** `all`, or the cohort (referral month, YYYY-MM) or practice the row is about. */
  readonly dimension: 'all' | 'cohort' | 'practice';
  readonly group: string;
  readonly months: WindowMonths;
  readonly setting: EncounterSetting;
  /** Consented people in view whose Encounters have been read. */
  readonly people: number;
  /** Of those, people whose window after referral has passed and been read. */
  readonly followedUp: number;
  readonly meanBefore: number | null;
  readonly meanAfter: number | null;
  /** Mean and sample SD of (after - before) per followed-up person. */
  readonly meanDifference: number | null;
  readonly sdDifference: number | null;
}

/** The case `caseId` has its patient's agreement to share with the service. */
const consentedSql = (caseId: string): string => `EXISTS (SELECT 1 FROM case_consents cc
  WHERE cc.case_id = ${caseId} AND cc.status = 'active' AND cc.share_with_service
    AND cc.withdrawn_at IS NULL)`;
// A case with a Patient has the person `<endpoint>|<Patient ref>` (people.ts); endpoint ids have no `|`.
const INDEX_COLUMNS = `i.person, split_part(i.person, '|', 1) AS endpoint, i.patient_ref, COALESCE(i.practice, 'Not recorded') AS practice,
    to_char(i.referred_at AT TIME ZONE 'UTC', 'YYYY-MM') AS cohort,
    (i.referred_at AT TIME ZONE 'UTC')::date AS d`;

/**
 * `indexed`: each consented person in view (people.ts) once, at their index referral: their first
 * referral in view whose case has the patient's consent to share. Healthcare use is a person's,
 * so a person referred twice is counted once, from the first referral the service could count.
 * People with one case pass straight through; only those with several are sorted.
 */
const INDEXED_CTE = `${SEVERAL_CTE}, indexed AS (
  SELECT ${INDEX_COLUMNS}
  FROM scoped i
  WHERE i.patient_ref IS NOT NULL AND ${consentedSql('i.id')}
    AND NOT EXISTS (SELECT 1 FROM several_in_view v WHERE v.id = i.id)
  UNION ALL
  (SELECT DISTINCT ON (i.person) ${INDEX_COLUMNS}
  FROM case_insights i JOIN several_in_view v ON v.id = i.case_id
  WHERE i.patient_ref IS NOT NULL AND ${consentedSql('i.case_id')}
  ORDER BY i.person, i.referred_at, i.case_id)
)`;

/**
 * Per person (at their index referral, day D), per window and setting: Encounters in the window
 * before referral, (D - w, D], which holds the referral day (the consultation that led to it),
 * and after, (D, D + w]. A person counts after only when D + w has come (today) and the cache was
 * read on or after that day. Then the means, overall, by referral month and by practice (of the
 * index referral), in one pass (GROUPING SETS).
 */
export async function healthcareUseRows(
  db: Queryable,
  filter: InsightsFilter,
  today: string,
): Promise<{ rows: HealthcareUseRow[]; consented: number; awaitingRead: number }> {
  const { cte, params } = scopedCases(filter);
  const t = `$${params.length + 1}::date`;
  const settings = `$${params.length + 2}::text[]`;
  // One pass over each person's Encounters counts every window (the months are our constants).
  const widest = Math.max(...WINDOW_MONTHS);
  const windowCounts = WINDOW_MONTHS.map(
    (m) => `count(e.encounter_id) FILTER (WHERE e.start_day > p.d - interval '${m} months'
         AND e.start_day <= p.d) AS before_${m},
       count(e.encounter_id) FILTER (WHERE e.start_day > p.d
         AND e.start_day <= p.d + interval '${m} months') AS after_${m}`,
  ).join(',\n       ');
  const perWindow = WINDOW_MONTHS.map(
    (m) => `SELECT id, cohort, practice, setting, ${m} AS months,
         (d + interval '${m} months')::date <= LEAST(${t}, read_through) AS followed_up,
         before_${m} AS before_n, after_${m} AS after_n FROM counted`,
  ).join('\n       UNION ALL ');
  const rows = await db.query(
    `WITH ${cte},
     ${INDEXED_CTE},
     people AS (
       SELECT i.person AS id, i.endpoint, i.patient_ref, i.practice, i.cohort, i.d, r.read_through
       FROM indexed i
       JOIN encounter_reads r ON r.endpoint = i.endpoint AND r.patient_ref = i.patient_ref
         AND r.read_from <= (i.d - interval '12 months')::date
     ),
     counted AS (
       SELECT p.id, p.cohort, p.practice, p.d, p.read_through, st.setting, ${windowCounts}
       FROM people p
       CROSS JOIN unnest(${settings}) AS st(setting)
       LEFT JOIN patient_encounters e ON e.endpoint = p.endpoint AND e.patient_ref = p.patient_ref
         AND e.setting = st.setting
         AND e.start_day > p.d - interval '${widest} months'
         AND e.start_day <= p.d + interval '${widest} months'
       GROUP BY p.id, p.cohort, p.practice, p.d, p.read_through, st.setting
     ),
     per_person AS (${perWindow})
     SELECT GROUPING(cohort) AS g_cohort, GROUPING(practice) AS g_practice, cohort, practice,
       months, setting, count(*)::integer AS people,
       count(*) FILTER (WHERE followed_up)::integer AS followed_up,
       avg(before_n) FILTER (WHERE followed_up)::float8 AS mean_before,
       avg(after_n) FILTER (WHERE followed_up)::float8 AS mean_after,
       avg(after_n - before_n) FILTER (WHERE followed_up)::float8 AS mean_difference,
       stddev_samp(after_n - before_n) FILTER (WHERE followed_up)::float8 AS sd_difference
     FROM per_person
     GROUP BY GROUPING SETS ((months, setting), (cohort, months, setting),
       (practice, months, setting))
     ORDER BY cohort NULLS FIRST, practice NULLS FIRST, months, setting`,
    [...params, today, [...COUNTED_SETTINGS]],
  );
  const [counts] = await db.query<{ consented: number; awaiting: number }>(
    `WITH ${cte}, ${INDEXED_CTE}
     SELECT count(*)::integer AS consented,
       count(*) FILTER (WHERE r.patient_ref IS NULL
         OR r.read_from > (i.d - interval '12 months')::date)::integer AS awaiting
     FROM indexed i
     LEFT JOIN encounter_reads r ON r.endpoint = i.endpoint AND r.patient_ref = i.patient_ref`,
    params,
  );
  const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
  return {
    consented: counts?.consented ?? 0,
    awaitingRead: counts?.awaiting ?? 0,
    rows: rows.map((r) => {
      const dimension =
        Number(r.g_cohort) === 0 ? 'cohort' : Number(r.g_practice) === 0 ? 'practice' : 'all';
      return {
        dimension,
        group:
          dimension === 'cohort'
            ? String(r.cohort)
            : dimension === 'practice'
              ? String(r.practice)
              : 'all',
        months: Number(r.months) as WindowMonths,
        setting: r.setting as EncounterSetting,
        people: Number(r.people),
        followedUp: Number(r.followed_up),
        meanBefore: num(r.mean_before),
        meanAfter: num(r.mean_after),
        meanDifference: num(r.mean_difference),
        sdDifference: num(r.sd_difference),
      };
    }),
  };
}
