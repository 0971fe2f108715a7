// Frozen copy of fhir-server-adapter/src/insights/queries.ts at a07a235 (see scoped.ts).
import type { Queryable } from './scoped';
import { scopedCases, type InsightsFilter } from './scoped';

// The flow, timeliness and support figures, each one SQL statement over the `scoped` cases
// (filters.ts), in the dialect PGlite and PostgreSQL share. Counts come back as numbers of people;
// suppression and intervals are applied by report.ts.

export interface CountRow {
  readonly key: string;
  readonly count: number;
}
export interface DurationRow {
  readonly measure: 'first-contact' | 'first-meeting';
  readonly n: number;
  readonly median: number | null;
  readonly p90: number | null;
}

const num = (value: unknown): number => Number(value ?? 0);
const numOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

/** How each case stands: the groups the flow section counts. */
export const CASE_OUTCOME_SQL = `CASE
  WHEN s.status = 'requested' THEN 'awaiting-decision'
  WHEN s.status = 'rejected' OR s.business_status = 'declined' THEN 'declined'
  WHEN s.business_status = 'did-not-engage' THEN 'did-not-engage'
  ELSE 'accepted' END`;
const OPEN = `s.status IN ('requested', 'accepted', 'in-progress', 'on-hold')`;

async function counts(
  db: Queryable,
  filter: InsightsFilter,
  select: string,
  extra: unknown[] = [],
): Promise<CountRow[]> {
  const { cte, params } = scopedCases(filter);
  const rows = await db.query(`WITH ${cte} ${select}`, [...params, ...(extra as never[])]);
  return rows.map((r) => ({ key: String(r.key), count: num(r.count) }));
}

export interface FlowRows {
  readonly total: number;
  readonly byMonth: CountRow[];
  readonly byPractice: CountRow[];
  readonly byNeed: CountRow[];
  readonly byOutcome: CountRow[];
  readonly declineReasons: CountRow[];
  readonly openByWorker: CountRow[];
}

export async function flowRows(db: Queryable, filter: InsightsFilter): Promise<FlowRows> {
  const [byMonth, byPractice, byNeed, byOutcome, declineReasons, openByWorker] = await Promise.all([
    counts(
      db,
      filter,
      `SELECT to_char(s.referred_at AT TIME ZONE 'UTC', 'YYYY-MM') AS key, count(*) AS count
       FROM scoped s GROUP BY 1 ORDER BY 1`,
    ),
    counts(
      db,
      filter,
      `SELECT COALESCE(s.practice, 'Not recorded') AS key, count(*) AS count
       FROM scoped s GROUP BY 1 ORDER BY 2 DESC, 1`,
    ),
    counts(
      db,
      filter,
      `SELECT n.need AS key, count(*) AS count
       FROM scoped s CROSS JOIN LATERAL unnest(s.needs) AS n(need) GROUP BY 1 ORDER BY 2 DESC, 1`,
    ),
    counts(
      db,
      filter,
      `SELECT ${CASE_OUTCOME_SQL} AS key, count(*) AS count FROM scoped s GROUP BY 1 ORDER BY 1`,
    ),
    counts(
      db,
      filter,
      `SELECT COALESCE(s.status_reason, 'not-recorded') AS key, count(*) AS count
       FROM scoped s WHERE (${CASE_OUTCOME_SQL}) = 'declined' GROUP BY 1 ORDER BY 2 DESC, 1`,
    ),
    counts(
      db,
      filter,
      `SELECT COALESCE(s.assigned_to, 'unassigned') AS key, count(*) AS count
       FROM scoped s WHERE ${OPEN} GROUP BY 1 ORDER BY 1`,
    ),
  ]);
  return {
    total: byOutcome.reduce((sum, r) => sum + r.count, 0),
    byMonth,
    byPractice,
    byNeed,
    byOutcome,
    declineReasons,
    openByWorker,
  };
}

/** First reached contact and first meeting (reached in person, or the first-meeting status). */
const FIRSTS_CTE = `firsts AS (
  SELECT s.id, s.referred_at,
    (SELECT min(a.at) FROM contact_attempts a WHERE a.case_id = s.id AND a.outcome = 'reached')
      AS first_contact,
    LEAST(
      (SELECT min(a.at) FROM contact_attempts a
        WHERE a.case_id = s.id AND a.outcome = 'reached' AND a.method = 'in-person'),
      (SELECT min(h.at) FROM case_status_history h
        WHERE h.case_id = s.id AND h.business_status = 'first-meeting')) AS first_meeting
  FROM scoped s
)`;

export interface TimelinessRows {
  readonly durations: DurationRow[];
  /** Open cases whose next follow-up date has passed. */
  readonly overdueFollowUps: number;
  /** Open cases in view (the denominator for overdue follow-ups). */
  readonly open: number;
}

export async function timelinessRows(
  db: Queryable,
  filter: InsightsFilter,
  today: string,
): Promise<TimelinessRows> {
  const { cte, params } = scopedCases(filter);
  const days = (column: string): string =>
    `extract(epoch FROM (${column} - referred_at)) / 86400.0`;
  const stat = (column: string): string => `
    SELECT count(${column}) AS n,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY ${days(column)}) AS median,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY ${days(column)}) AS p90
    FROM firsts WHERE ${column} IS NOT NULL`;
  const [durations, overdue] = await Promise.all([
    db.query(
      `WITH ${cte}, ${FIRSTS_CTE}
       SELECT 'first-contact' AS measure, * FROM (${stat('first_contact')}) AS fc
       UNION ALL SELECT 'first-meeting' AS measure, * FROM (${stat('first_meeting')}) AS fm`,
      params,
    ),
    db.query(
      `WITH ${cte}
       SELECT count(*) AS open,
         count(*) FILTER (WHERE f.due < $${params.length + 1}::date) AS overdue
       FROM scoped s LEFT JOIN case_follow_ups f ON f.case_id = s.id WHERE ${OPEN}`,
      [...params, today],
    ),
  ]);
  return {
    durations: durations.map((r) => ({
      measure: r.measure as DurationRow['measure'],
      n: num(r.n),
      median: numOrNull(r.median),
      p90: numOrNull(r.p90),
    })),
    overdueFollowUps: num(overdue[0]?.overdue),
    open: num(overdue[0]?.open),
  };
}

export interface SupportRows {
  readonly cases: number;
  readonly contacts: { readonly total: number; readonly median: number | null };
  readonly meetings: { readonly total: number; readonly median: number | null };
  /** Onward referrals by community service and what came of them. */
  readonly onward: { readonly service: string; readonly status: string; readonly count: number }[];
}

export async function supportRows(db: Queryable, filter: InsightsFilter): Promise<SupportRows> {
  const { cte, params } = scopedCases(filter);
  const [perCase, onward] = await Promise.all([
    db.query(
      `WITH ${cte}, per_case AS (
         SELECT s.id,
           count(a.id) FILTER (WHERE a.outcome = 'reached') AS contacts,
           count(a.id) FILTER (WHERE a.outcome = 'reached' AND a.method = 'in-person') AS meetings
         FROM scoped s LEFT JOIN contact_attempts a ON a.case_id = s.id
         WHERE (${CASE_OUTCOME_SQL}) <> 'awaiting-decision' AND s.status <> 'rejected'
         GROUP BY s.id)
       SELECT count(*) AS cases, COALESCE(sum(contacts), 0) AS contacts,
         COALESCE(sum(meetings), 0) AS meetings,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY contacts) AS contacts_median,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY meetings) AS meetings_median
       FROM per_case`,
      params,
    ),
    db.query(
      `WITH ${cte}
       SELECT COALESCE(o.service_name, o.service_ref) AS service, o.status, count(*) AS count
       FROM scoped s JOIN onward_referrals o ON o.case_id = s.id
       GROUP BY 1, 2 ORDER BY 1, 2`,
      params,
    ),
  ]);
  const row = perCase[0] ?? {};
  return {
    cases: num(row.cases),
    contacts: { total: num(row.contacts), median: numOrNull(row.contacts_median) },
    meetings: { total: num(row.meetings), median: numOrNull(row.meetings_median) },
    onward: onward.map((r) => ({
      service: String(r.service),
      status: String(r.status),
      count: num(r.count),
    })),
  };
}
