import { REFERRAL_NEEDS, SNOMED } from '@linkwell/profiles';
import { badRequest } from '../errors';
import type { SqlValue } from '../db/database';

/** What the manager's view is narrowed to; every field optional but the service. */
export interface InsightsFilter {
  readonly serviceOrg: string;
  /** Referrals made on or after this day (YYYY-MM-DD). */
  readonly from: string | undefined;
  /** Referrals made on or before this day (YYYY-MM-DD). */
  readonly to: string | undefined;
  /** The referring practice's name, as the referral's requester names it. */
  readonly practice: string | undefined;
  /** `Practitioner/<id>`: cases this link worker holds. */
  readonly worker: string | undefined;
  /** A need code from the social needs CodeSystem. */
  readonly need: string | undefined;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
function validDay(day: string): boolean {
  if (!DAY.test(day)) return false;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day;
}

function single(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw badRequest(`Give ${name} once.`, name);
  return value;
}

/** Reads `?from&to&practice&worker&need`, refusing what would give a wrong or empty report. */
export function parseFilter(query: Record<string, unknown>, serviceOrg: string): InsightsFilter {
  const from = single(query, 'from');
  const to = single(query, 'to');
  for (const [name, day] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (day !== undefined && !validDay(day)) {
      throw badRequest(`${name} must be a date as YYYY-MM-DD, such as 2026-04-01.`, name);
    }
  }
  if (from !== undefined && to !== undefined && from > to) {
    throw badRequest('The date range ends before it starts: from must be on or before to.', 'from');
  }
  const practice = single(query, 'practice');
  if (practice !== undefined && practice.length > 200) {
    throw badRequest('practice is too long.', 'practice');
  }
  const worker = single(query, 'worker');
  if (worker !== undefined && !/^Practitioner\/[A-Za-z0-9\-.]{1,64}$/.test(worker)) {
    throw badRequest('worker must be a link worker reference, Practitioner/<id>.', 'worker');
  }
  const need = single(query, 'need');
  if (need !== undefined && !(REFERRAL_NEEDS as readonly string[]).includes(need)) {
    throw badRequest(
      `need must be one of the referral needs (${REFERRAL_NEEDS.join(', ')}).`,
      'need',
    );
  }
  // The store keeps the coding's code: SNOMED's for social isolation, the local code otherwise.
  const needCode = need === 'social-isolation' ? SNOMED.socialIsolation : need;
  return { serviceOrg, from, to, practice, worker, need: needCode };
}

/** Whether the case_insights row `i` is in view, on scopedCases' parameters $1 to $6. */
export const IN_VIEW_SQL = `i.service_org = $1
    AND ($2::date IS NULL OR i.referred_at >= $2::date)
    AND ($3::date IS NULL OR i.referred_at < $3::date + 1)
    AND ($4::text IS NULL OR i.practice = $4::text)
    AND ($5::text IS NULL OR i.assigned_to = $5::text)
    AND ($6::text IS NULL OR $6::text = ANY(i.needs))`;

/**
 * The cases in view as a CTE named `scoped` (one row per case with its facts, deprivation decile
 * and age band, the figures kept per case: first contact and meeting, counts, and the person it is
 * about), with its parameters starting at $1; callers append theirs after `params.length`. It
 * reads the one row per case that migration 11's triggers keep (case-insights-schema.ts), with
 * migration 15's person (people.ts). `inline`: a query that reads `scoped` more than once has it
 * worked into each read (NOT MATERIALIZED) rather than copied out first, which costs more than
 * reading the kept rows again.
 */
export function scopedCases(
  filter: InsightsFilter,
  { inline = false }: { readonly inline?: boolean } = {},
): { cte: string; params: SqlValue[] } {
  return {
    cte: `scoped AS ${inline ? 'NOT MATERIALIZED ' : ''}(
  SELECT i.case_id AS id, i.status, i.status_reason, i.business_status, i.assigned_to,
    i.received_at, i.closed_at, i.patient_ref, i.referral_ref, i.referred_at, i.practice, i.needs,
    i.birth_date, i.sex, i.ethnicity, i.imd_decile, i.age_band, i.first_contact, i.first_meeting,
    i.contacts, i.meetings, i.goals, i.onward, i.onward_completed, i.person
  FROM case_insights i
  WHERE ${IN_VIEW_SQL}
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
