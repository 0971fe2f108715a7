import { COUNTED_SETTINGS, type EncounterSetting } from '@linkwell/profiles';
import type { Queryable } from '../db/database';
import { scopedCases, type InsightsFilter } from './filters';
import { SEVERAL_CTE } from './people';
import {
  countColumn,
  ENCOUNTERS_AROUND_SQL,
  WINDOW_COUNT_COLUMNS,
  WINDOW_MONTHS,
  windowCountsSql,
  type WindowMonths,
} from './healthcare-use-counts';

export { WINDOW_MONTHS, type WindowMonths };

/** Each group's rows come by window, then setting by name, as the section lists them. */
const SETTINGS_IN_ORDER = [...COUNTED_SETTINGS].sort();

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
 * Per person (at their index referral, day D), per setting and window: Encounters in the window
 * before referral and after it (healthcare-use-counts.ts), as kept when the Encounters were saved,
 * or counted here for a person whose counts at D are not kept yet (a case that arrived since). A
 * person counts after only when D + w has come (today) and the cache was read on or after that
 * day. Then the means, overall, by referral month and by practice (of the index referral), in one
 * pass (GROUPING SETS), one row per group with every setting's and window's figures, and the
 * consented people in view and those not read yet with it.
 */
export async function healthcareUseRows(
  db: Queryable,
  filter: InsightsFilter,
  today: string,
): Promise<{ rows: HealthcareUseRow[]; consented: number; awaitingRead: number }> {
  const { cte, params } = scopedCases(filter);
  const t = `$${params.length + 1}::date`;
  const kept = `w.endpoint = p.endpoint AND w.patient_ref = p.patient_ref AND w.referral_day = p.d`;
  const figures = WINDOW_MONTHS.flatMap((m) => {
    const followed = `FILTER (WHERE followed_${m})`;
    return [
      `count(*) ${followed}::integer AS followed_up_${m}`,
      ...COUNTED_SETTINGS.map((setting) => {
        const [before, after] = [
          countColumn(setting, 'before', m),
          countColumn(setting, 'after', m),
        ];
        return `avg(${before}) ${followed}::float8 AS mean_${before},
       avg(${after}) ${followed}::float8 AS mean_${after},
       avg(${after} - ${before}) ${followed}::float8 AS mean_difference_${setting}_${m},
       stddev_samp(${after} - ${before}) ${followed}::float8 AS sd_difference_${setting}_${m}`;
      }),
    ];
  }).join(',\n       ');
  // Whether the person's window after referral has passed and been read, once per person.
  const followed = WINDOW_MONTHS.map(
    (m) => `(p.d + interval '${m} months')::date <= LEAST(${t}, p.read_through) AS followed_${m}`,
  ).join(', ');
  // A person's kept counts, else (gated: only when none are kept) counted from the cache.
  const counts = WINDOW_COUNT_COLUMNS.map((c) => `COALESCE(w.${c}, l.${c}) AS ${c}`).join(', ');
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
       SELECT p.cohort, p.practice, ${followed}, ${counts}
       FROM people p
       LEFT JOIN encounter_window_counts w ON ${kept}
       LEFT JOIN LATERAL (
         SELECT ${windowCountsSql('p.d')}
         FROM (SELECT 1) AS one
         ${ENCOUNTERS_AROUND_SQL}
         WHERE w.endpoint IS NULL
       ) l ON true
     )
     SELECT GROUPING(cohort) AS g_cohort, GROUPING(practice) AS g_practice, cohort, practice,
       count(*)::integer AS people, ${figures},
       (SELECT count(*) FROM indexed)::integer AS consented,
       (SELECT count(*) FROM indexed i WHERE NOT EXISTS (SELECT 1 FROM people p
         WHERE p.endpoint = i.endpoint AND p.patient_ref = i.patient_ref))::integer AS awaiting
     FROM counted
     GROUP BY GROUPING SETS ((), (cohort), (practice))
     ORDER BY cohort NULLS FIRST, practice NULLS FIRST`,
    [...params, today],
  );
  const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
  const overall = rows.find((r) => Number(r.g_cohort) === 1 && Number(r.g_practice) === 1);
  return {
    consented: Number(overall?.consented ?? 0),
    awaitingRead: Number(overall?.awaiting ?? 0),
    rows: rows.flatMap((r) => {
      const dimension =
        Number(r.g_cohort) === 0 ? 'cohort' : Number(r.g_practice) === 0 ? 'practice' : 'all';
      const group =
        dimension === 'cohort'
          ? String(r.cohort)
          : dimension === 'practice'
            ? String(r.practice)
            : 'all';
      const people = Number(r.people);
      // An empty view still gives the overall row, with no one in it: no figures then.
      if (people === 0) return [];
      return WINDOW_MONTHS.flatMap((months) =>
        SETTINGS_IN_ORDER.map((setting): HealthcareUseRow => ({
          dimension,
          group,
          months,
          setting,
          people,
          followedUp: Number(r[`followed_up_${months}`]),
          meanBefore: num(r[`mean_${countColumn(setting, 'before', months)}`]),
          meanAfter: num(r[`mean_${countColumn(setting, 'after', months)}`]),
          meanDifference: num(r[`mean_difference_${setting}_${months}`]),
          sdDifference: num(r[`sd_difference_${setting}_${months}`]),
        })),
      );
    }),
  };
}
