import { COUNTED_SETTINGS } from '@linkwell/profiles';
import type { Queryable } from '../db/database';

// Each person's Encounter counts around a referral day, per setting and window, kept as the
// Encounters are saved: one row per person and day, so the healthcare-use section aggregates one
// row per person instead of joining every cached Encounter on each view.

/** The windows before and after referral, in months. */
export const WINDOW_MONTHS = [6, 12] as const;
export type WindowMonths = (typeof WINDOW_MONTHS)[number];
const WIDEST = Math.max(...WINDOW_MONTHS);

/** A kept count's column: Encounters in `setting`, `side` of the referral day, within `months`. */
export const countColumn = (setting: string, side: 'before' | 'after', months: number): string =>
  `${setting}_${side}_${months}`;

/** The kept count columns, in the order windowCountsSql gives them. */
export const WINDOW_COUNT_COLUMNS = COUNTED_SETTINGS.flatMap((setting) =>
  WINDOW_MONTHS.flatMap((m) => [
    countColumn(setting, 'before', m),
    countColumn(setting, 'after', m),
  ]),
);

/**
 * Per setting and window, the Encounters `e` in the window before the day `d`, (d - w, d], which
 * holds the referral day (the consultation that led to it), and after it, (d, d + w].
 */
export const windowCountsSql = (d: string): string =>
  COUNTED_SETTINGS.flatMap((setting) =>
    WINDOW_MONTHS.map(
      (m) => `count(e.encounter_id) FILTER (WHERE e.setting = '${setting}'
         AND e.start_day > ${d} - interval '${m} months' AND e.start_day <= ${d})::integer
         AS ${countColumn(setting, 'before', m)},
       count(e.encounter_id) FILTER (WHERE e.setting = '${setting}' AND e.start_day > ${d}
         AND e.start_day <= ${d} + interval '${m} months')::integer AS ${countColumn(setting, 'after', m)}`,
    ),
  ).join(',\n       ');

/**
 * Joins, for the row `p` (its endpoint, patient_ref and day d), its cached Encounters within the
 * widest window either side.
 */
export const ENCOUNTERS_AROUND_SQL = `LEFT JOIN patient_encounters e ON e.endpoint = p.endpoint
         AND e.patient_ref = p.patient_ref
         AND e.setting IN (${COUNTED_SETTINGS.map((s) => `'${s}'`).join(', ')})
         AND e.start_day > p.d - interval '${WIDEST} months'
         AND e.start_day <= p.d + interval '${WIDEST} months'`;

/** Counts the (endpoint, patient_ref, d) rows of `days`, every setting and window, into the table. */
const insertCountsSql = (days: string): string => `
  WITH days AS (${days})
  INSERT INTO encounter_window_counts (endpoint, patient_ref, referral_day,
    ${WINDOW_COUNT_COLUMNS.join(', ')})
  SELECT p.endpoint, p.patient_ref, p.d, ${windowCountsSql('p.d')}
  FROM days p
  ${ENCOUNTERS_AROUND_SQL}
  GROUP BY p.endpoint, p.patient_ref, p.d`;

// A case's referral day as the figures read it (case_insights.referred_at, its UTC day).
const CASE_DAY_SQL = `(i.referred_at AT TIME ZONE 'UTC')::date`;

/**
 * Migration 17: the kept counts, backfilled for every case whose patient's Encounters are cached.
 * The windows and settings are compiled in when it runs: changing them needs a new migration.
 */
export const WINDOW_COUNTS_SCHEMA = `
CREATE TABLE encounter_window_counts (
  endpoint text NOT NULL,
  patient_ref text NOT NULL,
  referral_day date NOT NULL,
  ${WINDOW_COUNT_COLUMNS.map((c) => `${c} integer NOT NULL`).join(',\n  ')},
  PRIMARY KEY (endpoint, patient_ref, referral_day)
);
CREATE INDEX case_insights_person ON case_insights (person);
${insertCountsSql(`SELECT DISTINCT r.endpoint, r.patient_ref, ${CASE_DAY_SQL} AS d
    FROM case_insights i
    JOIN encounter_reads r ON i.person = r.endpoint || '|' || r.patient_ref`)};
`;

/**
 * Recounts these patients of one endpoint, at every referral day of their cases (any service's),
 * from the Encounters just saved; run in the transaction that saved them.
 */
export async function saveWindowCounts(
  tx: Queryable,
  endpoint: string,
  patientRefs: readonly string[],
): Promise<void> {
  await tx.query(
    'DELETE FROM encounter_window_counts WHERE endpoint = $1 AND patient_ref = ANY($2::text[])',
    [endpoint, [...patientRefs]],
  );
  await tx.query(
    insertCountsSql(`SELECT DISTINCT $1::text AS endpoint, i.patient_ref, ${CASE_DAY_SQL} AS d
    FROM case_insights i WHERE i.person = ANY($2::text[])`),
    [endpoint, patientRefs.map((ref) => `${endpoint}|${ref}`)],
  );
}
