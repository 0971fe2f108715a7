import type { Queryable } from '../db/database';
import { scopedCases, type InsightsFilter } from './filters';
import type { ReportedMeasure } from './measures';
import { SEVERAL_CTE } from './people';

// Outcomes and reach: paired baseline and follow-up per person and measure, computed in SQL.
// People, not cases: a person referred twice counts once (people.ts); referrals stay per case.

export interface MeasureRow {
  readonly measure: string;
  /** People with both a baseline and a follow-up. */
  readonly n: number;
  readonly mean: number | null;
  readonly sd: number | null;
  /** People whose change in the better direction reaches the threshold. */
  readonly passed: number;
}

/**
 * `changes`: per person and measure (people.ts), over the cases in view, the change from the
 * person's first baseline to their latest follow-up and whether it passes the measure's threshold
 * in the better direction, under `id`: the person's case (their first in view if several). Each
 * case keeps its own first baseline and latest follow-up (case_scores); across a person's cases
 * the same rule holds: the earliest baseline and the latest follow-up, from whichever case they
 * were answered in. That is what an evaluation of a service asks of a person (how they are now
 * against how they were when they first came), and it keeps the people a first episode did not
 * help: taking only their most recent case would drop the baseline of someone re-referred after
 * it. A person with one case gets that case's pair as it is.
 */
export function changesCte(measuresParam: string): string {
  return `${SEVERAL_CTE}, person_scores AS (
  SELECT p.case_id AS id, p.measure, p.baseline, p.follow_up
  FROM case_scores p
  JOIN scoped s ON s.id = p.case_id
  WHERE p.baseline IS NOT NULL AND p.follow_up IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM several_in_view v WHERE v.id = p.case_id)
  UNION ALL
  SELECT v.first_id, p.measure,
    (array_agg(p.baseline ORDER BY p.baseline_at, p.case_id)
      FILTER (WHERE p.baseline IS NOT NULL))[1],
    (array_agg(p.follow_up ORDER BY p.follow_up_at DESC, p.case_id)
      FILTER (WHERE p.follow_up IS NOT NULL))[1]
  FROM case_scores p JOIN several_in_view v ON v.id = p.case_id
  GROUP BY v.first_id, p.measure
), changes AS (
  SELECT ps.id, ps.measure, ps.follow_up - ps.baseline AS change,
    round((ps.follow_up - ps.baseline) * t.direction * 100) >= round(t.threshold * 100) AS passed
  FROM person_scores ps
  JOIN jsonb_to_recordset(${measuresParam}::jsonb) AS t(measure text, direction integer, threshold numeric)
    ON t.measure = ps.measure
  WHERE ps.baseline IS NOT NULL AND ps.follow_up IS NOT NULL
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

export type EquityDimension = 'age-band' | 'sex' | 'ethnicity' | 'deprivation-decile';

export interface EquityRow {
  readonly dimension: EquityDimension;
  readonly group: string;
  /** Referrals (cases) in the group. */
  readonly referrals: number;
  /** People with a baseline and follow-up on at least one measure. */
  readonly withOutcome: number;
  /** Of those, people with a meaningful improvement on at least one measure. */
  readonly improved: number;
}

/** The outcome figures (per measure) and the reach figures (per group), from one query. */
export interface OutcomeFigures {
  readonly outcomes: MeasureRow[];
  readonly equity: EquityRow[];
}

type Json = Record<string, unknown>;

/** A json column as the driver gives it: parsed already, or as text. */
const jsonRows = (value: unknown): Json[] =>
  value === null || value === undefined
    ? []
    : ((typeof value === 'string' ? JSON.parse(value) : value) as Json[]);

const measureRowOf = (r: Json): MeasureRow => ({
  measure: String(r.measure),
  n: Number(r.n),
  mean: numOrNull(r.mean),
  sd: numOrNull(r.sd),
  passed: Number(r.passed),
});

function equityRowOf(r: Json): EquityRow {
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
}

const DIMENSIONS: EquityDimension[] = ['age-band', 'sex', 'ethnicity', 'deprivation-decile'];

/**
 * Outcomes, and referrals (cases) and outcomes (people) by age band, sex, ethnicity and
 * deprivation decile, in one pass over the paired scores (`changes`, worked out once for both).
 * A person's outcome is counted once, in the groups of their first referral in view
 * (`changes.id`), so the people of a breakdown add up to the people with an outcome.
 */
export async function outcomeFigures(
  db: Queryable,
  filter: InsightsFilter,
  measures: readonly ReportedMeasure[],
): Promise<OutcomeFigures> {
  // `scoped` is read twice (the paired scores, the groups): inlined, as copying it out costs more.
  const { cte, params } = scopedCases(filter, { inline: true });
  const [row] = await db.query(
    `WITH ${cte}, ${changesCte(`$${params.length + 1}`)}, flags AS (
       SELECT id, bool_or(passed) AS improved FROM changes GROUP BY id
     ), people AS (
       SELECT s.age_band,
         COALESCE(s.sex, 'not recorded') AS sex,
         COALESCE(s.ethnicity, 'Not recorded') AS ethnicity,
         COALESCE(s.imd_decile::text, 'Not known') AS decile,
         f.id IS NOT NULL AS with_outcome, COALESCE(f.improved, false) AS improved
       FROM scoped s LEFT JOIN flags f ON f.id = s.id
     ), outcome AS (
       SELECT measure, count(*) AS n, avg(change) AS mean, stddev_samp(change) AS sd,
         count(*) FILTER (WHERE passed) AS passed
       FROM changes GROUP BY measure
     ), equity AS (
       SELECT GROUPING(age_band) AS g_age, GROUPING(sex) AS g_sex, GROUPING(ethnicity) AS g_eth,
         age_band, sex, ethnicity, decile, count(*) AS referrals,
         count(*) FILTER (WHERE with_outcome) AS with_outcome,
         count(*) FILTER (WHERE improved) AS improved
       FROM people GROUP BY GROUPING SETS ((age_band), (sex), (ethnicity), (decile))
     )
     SELECT (SELECT json_agg(o ORDER BY o.measure) FROM outcome o) AS outcomes,
       (SELECT json_agg(e) FROM equity e) AS equity`,
    [...params, JSON.stringify(thresholdsJson(measures))],
  );
  const equity = jsonRows(row?.equity).map(equityRowOf);
  return {
    outcomes: jsonRows(row?.outcomes).map(measureRowOf),
    equity: equity.sort(
      (a, b) =>
        DIMENSIONS.indexOf(a.dimension) - DIMENSIONS.indexOf(b.dimension) ||
        a.group.localeCompare(b.group, 'en', { numeric: true }),
    ),
  };
}

/** The outcome figures alone (tests, the benchmark's comparison). */
export const outcomeRows = async (
  db: Queryable,
  filter: InsightsFilter,
  measures: readonly ReportedMeasure[],
): Promise<MeasureRow[]> => (await outcomeFigures(db, filter, measures)).outcomes;

/** The reach figures alone (tests, the benchmark's comparison). */
export const equityRows = async (
  db: Queryable,
  filter: InsightsFilter,
  measures: readonly ReportedMeasure[],
): Promise<EquityRow[]> => (await outcomeFigures(db, filter, measures)).equity;
