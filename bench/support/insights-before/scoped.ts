// The manager's view and minimum-dataset queries as they were on main at a07a235, before migration 11
// kept figures per case: frozen here as the insights benchmark's baseline, and to check that the
// new queries give the same figures and the same export, byte for byte.
import type { Database, insights } from '@linkwell/fhir-server-adapter';
import { swemwbsMetric } from '@linkwell/profiles';

export type Queryable = Pick<Database, 'query'>;
export type InsightsFilter = insights.InsightsFilter;
export type ReportedMeasure = insights.ReportedMeasure;
export type SqlValue = Parameters<Database['query']>[1] extends readonly (infer V)[] | undefined
  ? V
  : never;

export const text = (value: unknown): string =>
  value instanceof Date ? new Date(value.getTime()).toISOString() : String(value);

/**
 * The cases in view as a CTE named `scoped` (one row per case with its facts and deprivation
 * decile), with its parameters starting at $1; callers append theirs after `params.length`.
 */
export function scopedCases(filter: InsightsFilter): { cte: string; params: SqlValue[] } {
  return {
    cte: `scoped AS (
  SELECT c.id, c.status, c.status_reason, c.business_status, c.assigned_to, c.received_at,
    c.closed_at, c.patient_ref, c.referral_ref,
    COALESCE(f.referred_at, c.received_at) AS referred_at, f.practice, f.needs,
    f.birth_date, f.sex, f.ethnicity, d.imd_decile
  FROM cases c
  LEFT JOIN case_facts f ON f.case_id = c.id
  LEFT JOIN deprivation_areas d ON d.area = f.postcode
  WHERE c.service_org = $1
    AND ($2::date IS NULL OR COALESCE(f.referred_at, c.received_at) >= $2::date)
    AND ($3::date IS NULL OR COALESCE(f.referred_at, c.received_at) < $3::date + 1)
    AND ($4::text IS NULL OR f.practice = $4::text)
    AND ($5::text IS NULL OR c.assigned_to = $5::text)
    AND ($6::text IS NULL OR $6::text = ANY(f.needs))
)`,
    params: [
      filter.serviceOrg,
      filter.from ?? null,
      filter.to ?? null,
      filter.practice ?? null,
      filter.worker ?? null,
      filter.need ?? null,
    ],
  };
}

const item = (name: string): string => `(q.answers->>'${name}')::numeric`;
const SWEMWBS_RAW = Array.from({ length: 7 }, (_, i) => item(`swemwbs-${i + 1}`)).join(' + ');
const SWEMWBS_TABLE = Array.from(
  { length: 29 },
  (_, i) => `(${i + 7}, ${swemwbsMetric(i + 7).toFixed(2)})`,
).join(', ');

/**
 * SQL (over `questionnaire_answers q`) giving each reported score of one answer set: ONS4 items as
 * answered, the UCLA-3 total, SWEMWBS raw total converted by the published table. Fixed text from
 * the constants above, no input.
 */
export const SCORE_VALUES_SQL = `(VALUES
  ('swemwbs-metric', CASE WHEN q.instrument = 'swemwbs' THEN
     (SELECT t.metric FROM (VALUES ${SWEMWBS_TABLE}) AS t(raw, metric) WHERE t.raw = ${SWEMWBS_RAW}) END),
  ('ucla3-total', CASE WHEN q.instrument = 'ucla3' THEN
     ${item('lack-companionship')} + ${item('left-out')} + ${item('isolated')} END),
  ('ons4-life-satisfaction', CASE WHEN q.instrument = 'ons4' THEN ${item('life-satisfaction')} END),
  ('ons4-worthwhile', CASE WHEN q.instrument = 'ons4' THEN ${item('worthwhile')} END),
  ('ons4-happiness', CASE WHEN q.instrument = 'ons4' THEN ${item('happiness')} END),
  ('ons4-anxiety', CASE WHEN q.instrument = 'ons4' THEN ${item('anxiety')} END)
) AS m(measure, value)`;
