import type { Queryable } from '../db/database';
import { scopedCases, type InsightsFilter } from './filters';
import { CASE_OUTCOME_SQL } from './queries';
import type { DatasetRow } from './dataset';
import { text } from '../store/rows';

const BATCH = 1000;

// One case per row with its counts, in id order after `$after`; only the cases whose person
// permits research (with the consent to share still in force) when asked.
function batchSql(paramsLength: number, researchOnly: boolean): string {
  const after = `$${paramsLength + 1}`;
  return `SELECT s.*, ${CASE_OUTCOME_SQL} AS outcome FROM scoped s
  ${
    researchOnly
      ? `JOIN case_consents cc ON cc.case_id = s.id AND cc.status = 'active'
         AND cc.share_with_service AND cc.withdrawn_at IS NULL AND cc.research`
      : ''
  }
  WHERE s.id > ${after} ORDER BY s.id LIMIT ${BATCH}`;
}

const num = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);
const str = (value: unknown): string | null =>
  value === null || value === undefined ? null : text(value);
const isoDay = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  const date = new Date(value as string);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
};
const round2 = (value: number | null): number | null =>
  value === null ? null : Math.round(value * 100) / 100;

/**
 * The minimum dataset, a batch of up to 1,000 cases at a time in id order (keyset paging: memory
 * stays flat however many cases there are). Yields rows with every column of DATASET_COLUMNS but
 * the pseudonym, which the research extract adds.
 */
export async function* datasetRows(
  db: Queryable,
  filter: InsightsFilter,
  options: { researchOnly: boolean },
): AsyncGenerator<DatasetRow[]> {
  const { cte, params } = scopedCases(filter);
  const days = (column: string): string =>
    `extract(epoch FROM (${column} - referred_at)) / 86400.0`;
  let after = '';
  for (;;) {
    // The figures per case are kept in case_insights and case_scores (migration 11): one index
    // range per batch. Each case comes back as one JSON text (its scores in it), which PGlite
    // and pg hand over far faster than some forty typed cells.
    const page = await db.query<{ j: string }>(
      `WITH ${cte}
       SELECT to_json(p)::text AS j FROM (
         SELECT b.id, b.patient_ref, b.referral_ref, b.assigned_to, b.referred_at, b.practice,
           b.needs, b.age_band, b.sex, b.ethnicity, b.imd_decile, b.outcome, b.status,
           b.status_reason, b.contacts, b.meetings, b.goals, b.onward, b.onward_completed,
           b.closed_at, ${days('b.first_contact')} AS days_to_first_contact,
           ${days('b.first_meeting')} AS days_to_first_meeting,
           (SELECT json_agg(json_build_array(x.measure, x.baseline, x.follow_up, x.baseline_at,
              x.follow_up_at)) FROM case_scores x WHERE x.case_id = b.id) AS scores
         FROM (${batchSql(params.length, options.researchOnly)}) AS b ORDER BY b.id) AS p`,
      [...params, after],
    );
    if (page.length === 0) return;
    const cases = page.map((r) => JSON.parse(r.j) as Record<string, unknown>);
    const byCase = new Map<string, DatasetRow>();
    for (const c of cases) {
      const referred = isoDay(c.referred_at);
      byCase.set(String(c.id), {
        case_id: String(c.id),
        // Null for a case of someone not registered on the EHR (a local-only case).
        patient_reference: str(c.patient_ref),
        referral_reference: str(c.referral_ref),
        link_worker: str(c.assigned_to),
        person_pseudonym: null,
        referral_date: referred,
        referral_month: referred?.slice(0, 7) ?? null,
        practice: str(c.practice),
        needs: Array.isArray(c.needs) ? (c.needs as string[]).join(';') : null,
        age_band: String(c.age_band),
        sex: str(c.sex) ?? 'not recorded',
        ethnicity: str(c.ethnicity),
        imd_decile: num(c.imd_decile),
        outcome: String(c.outcome),
        status: String(c.status),
        status_reason: str(c.status_reason),
        days_to_first_contact: round2(num(c.days_to_first_contact)),
        days_to_first_meeting: round2(num(c.days_to_first_meeting)),
        contacts: num(c.contacts),
        meetings: num(c.meetings),
        goals: num(c.goals),
        onward_referrals: num(c.onward),
        onward_completed: num(c.onward_completed),
        closed_date: isoDay(c.closed_at),
      });
    }
    for (const c of cases) {
      const row = byCase.get(String(c.id));
      const scores = (c.scores ?? []) as [string, unknown, unknown, unknown, unknown][];
      if (row === undefined) continue;
      for (const [measure, baselineValue, followUpValue, baselineAt, followUpAt] of scores) {
        const baseline = num(baselineValue);
        const followUp = num(followUpValue);
        row[`${measure}_baseline`] = baseline;
        row[`${measure}_follow_up`] = followUp;
        row[`${measure}_baseline_date`] = isoDay(baselineAt);
        row[`${measure}_follow_up_date`] = isoDay(followUpAt);
        row[`${measure}_change`] =
          baseline === null || followUp === null ? null : round2(followUp - baseline);
      }
    }
    yield [...byCase.values()];
    after = text(cases[cases.length - 1]?.id ?? '');
    if (cases.length < BATCH) return;
  }
}
