// Frozen copy of fhir-server-adapter/src/insights/outcome-queries.ts at a07a235 (see scoped.ts).
import type { Queryable } from './scoped';
import { scopedCases, type InsightsFilter } from './scoped';
import { SCORE_VALUES_SQL, type ReportedMeasure } from './scoped';

// Outcomes and reach: paired baseline and follow-up per person and measure, computed in SQL.

export interface MeasureRow {
  readonly measure: string;
  /** People with both a baseline and a follow-up. */
  readonly n: number;
  readonly mean: number | null;
  readonly sd: number | null;
  /** People whose change in the better direction reaches the threshold. */
  readonly passed: number;
}

/** `paired`: one row per case and measure with its first baseline and last follow-up. */
export function pairedCtes(measuresParam: string, source = 'scoped'): string {
  return `scores AS (
  SELECT q.case_id, q.timing, q.authored, m.measure, m.value
  FROM questionnaire_answers q JOIN ${source} s ON s.id = q.case_id
  CROSS JOIN LATERAL ${SCORE_VALUES_SQL}
  WHERE m.value IS NOT NULL
), paired AS (
  SELECT sc.case_id, sc.measure,
    (array_agg(sc.value ORDER BY sc.authored, sc.value) FILTER (WHERE sc.timing = 'baseline'))[1]
      AS baseline,
    (array_agg(sc.value ORDER BY sc.authored DESC, sc.value) FILTER (WHERE sc.timing = 'follow-up'))[1]
      AS follow_up,
    min(sc.authored) FILTER (WHERE sc.timing = 'baseline') AS baseline_at,
    max(sc.authored) FILTER (WHERE sc.timing = 'follow-up') AS follow_up_at
  FROM scores sc GROUP BY sc.case_id, sc.measure
), changes AS (
  SELECT p.case_id, p.measure, p.follow_up - p.baseline AS change,
    round((p.follow_up - p.baseline) * t.direction * 100) >= round(t.threshold * 100) AS passed
  FROM paired p
  JOIN jsonb_to_recordset(${measuresParam}::jsonb) AS t(measure text, direction integer, threshold numeric)
    ON t.measure = p.measure
  WHERE p.baseline IS NOT NULL AND p.follow_up IS NOT NULL
)`;
}

export const thresholdsJson = (measures: readonly ReportedMeasure[]): Record<string, unknown>[] =>
  measures.map((m) => ({
    measure: m.key,
    direction: m.higherIsBetter ? 1 : -1,
    threshold: m.threshold,
  }));

const numOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

export async function outcomeRows(
  db: Queryable,
  filter: InsightsFilter,
  measures: readonly ReportedMeasure[],
): Promise<MeasureRow[]> {
  const { cte, params } = scopedCases(filter);
  const rows = await db.query(
    `WITH ${cte}, ${pairedCtes(`$${params.length + 1}`)}
     SELECT measure, count(*) AS n, avg(change) AS mean, stddev_samp(change) AS sd,
       count(*) FILTER (WHERE passed) AS passed
     FROM changes GROUP BY measure ORDER BY measure`,
    [...params, JSON.stringify(thresholdsJson(measures))],
  );
  return rows.map((r) => ({
    measure: String(r.measure),
    n: Number(r.n),
    mean: numOrNull(r.mean),
    sd: numOrNull(r.sd),
    passed: Number(r.passed),
  }));
}

export type EquityDimension = 'age-band' | 'sex' | 'ethnicity' | 'deprivation-decile';

export interface EquityRow {
  readonly dimension: EquityDimension;
  readonly group: string;
  readonly referrals: number;
  /** People with a baseline and follow-up on at least one measure. */
  readonly withOutcome: number;
  /** Of those, people with a meaningful improvement on at least one measure. */
  readonly improved: number;
}

export const AGE_BAND_SQL = `CASE
  WHEN s.birth_date IS NULL THEN 'Not recorded'
  WHEN date_part('year', age(s.referred_at::date, s.birth_date)) < 18 THEN 'Under 18'
  WHEN date_part('year', age(s.referred_at::date, s.birth_date)) < 35 THEN '18-34'
  WHEN date_part('year', age(s.referred_at::date, s.birth_date)) < 50 THEN '35-49'
  WHEN date_part('year', age(s.referred_at::date, s.birth_date)) < 65 THEN '50-64'
  WHEN date_part('year', age(s.referred_at::date, s.birth_date)) < 80 THEN '65-79'
  ELSE '80 and over' END`;

/** Referrals and outcomes by age band, sex, ethnicity and deprivation decile, in one pass. */
export async function equityRows(
  db: Queryable,
  filter: InsightsFilter,
  measures: readonly ReportedMeasure[],
): Promise<EquityRow[]> {
  const { cte, params } = scopedCases(filter);
  const rows = await db.query(
    `WITH ${cte}, ${pairedCtes(`$${params.length + 1}`)}, flags AS (
       SELECT case_id, bool_or(passed) AS improved FROM changes GROUP BY case_id
     ), people AS (
       SELECT ${AGE_BAND_SQL} AS age_band,
         COALESCE(s.sex, 'not recorded') AS sex,
         COALESCE(s.ethnicity, 'Not recorded') AS ethnicity,
         COALESCE(s.imd_decile::text, 'Not known') AS decile,
         f.case_id IS NOT NULL AS with_outcome, COALESCE(f.improved, false) AS improved
       FROM scoped s LEFT JOIN flags f ON f.case_id = s.id)
     SELECT GROUPING(age_band) AS g_age, GROUPING(sex) AS g_sex, GROUPING(ethnicity) AS g_eth,
       age_band, sex, ethnicity, decile, count(*) AS referrals,
       count(*) FILTER (WHERE with_outcome) AS with_outcome,
       count(*) FILTER (WHERE improved) AS improved
     FROM people GROUP BY GROUPING SETS ((age_band), (sex), (ethnicity), (decile))`,
    [...params, JSON.stringify(thresholdsJson(measures))],
  );
  const result = rows.map((r): EquityRow => {
    const [dimension, group] =
      Number(r.g_age) === 0
        ? (['age-band', r.age_band] as const)
        : Number(r.g_sex) === 0
          ? (['sex', r.sex] as const)
          : Number(r.g_eth) === 0
            ? (['ethnicity', r.ethnicity] as const)
            : (['deprivation-decile', r.decile] as const);
    return {
      dimension,
      group: String(group),
      referrals: Number(r.referrals),
      withOutcome: Number(r.with_outcome),
      improved: Number(r.improved),
    };
  });
  const order: EquityDimension[] = ['age-band', 'sex', 'ethnicity', 'deprivation-decile'];
  return result.sort(
    (a, b) =>
      order.indexOf(a.dimension) - order.indexOf(b.dimension) ||
      a.group.localeCompare(b.group, 'en', { numeric: true }),
  );
}
