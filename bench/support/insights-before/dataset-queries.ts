// Frozen copy of fhir-server-adapter/src/insights/dataset-queries.ts at a07a235 (see scoped.ts).
import type { Queryable } from './scoped';
import { scopedCases, text, type InsightsFilter } from './scoped';
import type { ReportedMeasure } from './scoped';
import { pairedCtes, thresholdsJson } from './outcome-queries';
import { AGE_BAND_SQL } from './outcome-queries';
import { CASE_OUTCOME_SQL } from './queries';
export type DatasetRow = Record<string, string | number | null>;

const BATCH = 1000;

// One case per row with its counts, in id order after `$after`; only consented cases when asked.
function batchSql(paramsLength: number, consentedOnly: boolean): string {
  const after = `$${paramsLength + 1}`;
  return `batch AS (
  SELECT s.* FROM scoped s
  ${
    consentedOnly
      ? `JOIN case_consents cc ON cc.case_id = s.id AND cc.status = 'active'
         AND cc.share_with_service AND cc.withdrawn_at IS NULL`
      : ''
  }
  WHERE s.id > ${after} ORDER BY s.id LIMIT ${BATCH}
)`;
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
  measures: readonly ReportedMeasure[],
  options: { consentedOnly: boolean },
): AsyncGenerator<DatasetRow[]> {
  const { cte, params } = scopedCases(filter);
  let after = '';
  for (;;) {
    const all = [...params, after, JSON.stringify(thresholdsJson(measures))];
    const measuresParam = `$${params.length + 2}`;
    const cases = await db.query(
      `WITH ${cte}, ${batchSql(params.length, options.consentedOnly)}
       SELECT s.id, s.patient_ref, s.referral_ref, s.assigned_to, s.referred_at, s.practice, s.needs, s.sex, s.ethnicity,
         s.imd_decile, s.status, s.status_reason, s.closed_at, ${AGE_BAND_SQL} AS age_band,
         ${CASE_OUTCOME_SQL} AS outcome,
         (SELECT extract(epoch FROM (min(a.at) - s.referred_at)) / 86400.0 FROM contact_attempts a
           WHERE a.case_id = s.id AND a.outcome = 'reached') AS days_to_first_contact,
         (SELECT extract(epoch FROM (LEAST(
            (SELECT min(a.at) FROM contact_attempts a WHERE a.case_id = s.id
               AND a.outcome = 'reached' AND a.method = 'in-person'),
            (SELECT min(h.at) FROM case_status_history h WHERE h.case_id = s.id
               AND h.business_status = 'first-meeting')) - s.referred_at)) / 86400.0)
           AS days_to_first_meeting,
         (SELECT count(*) FROM contact_attempts a WHERE a.case_id = s.id AND a.outcome = 'reached')
           AS contacts,
         (SELECT count(*) FROM contact_attempts a WHERE a.case_id = s.id AND a.outcome = 'reached'
           AND a.method = 'in-person') AS meetings,
         (SELECT count(*) FROM goals g WHERE g.case_id = s.id) AS goals,
         (SELECT count(*) FROM onward_referrals o WHERE o.case_id = s.id) AS onward_referrals,
         (SELECT count(*) FROM onward_referrals o WHERE o.case_id = s.id AND o.status = 'completed')
           AS onward_completed
       FROM batch s ORDER BY s.id`,
      all.slice(0, params.length + 1),
    );
    if (cases.length === 0) return;
    const scores = await db.query(
      `WITH ${cte}, ${batchSql(params.length, options.consentedOnly)}, ${pairedCtes(measuresParam, 'batch')}
       SELECT case_id, measure, baseline, follow_up, baseline_at, follow_up_at FROM paired`,
      all,
    );
    const byCase = new Map<string, DatasetRow>();
    for (const c of cases) {
      const referred = isoDay(c.referred_at);
      byCase.set(String(c.id), {
        case_id: String(c.id),
        patient_reference: String(c.patient_ref),
        referral_reference: String(c.referral_ref),
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
        onward_referrals: num(c.onward_referrals),
        onward_completed: num(c.onward_completed),
        closed_date: isoDay(c.closed_at),
      });
    }
    for (const s of scores) {
      const row = byCase.get(String(s.case_id));
      if (row === undefined) continue;
      const baseline = num(s.baseline);
      const followUp = num(s.follow_up);
      row[`${String(s.measure)}_baseline`] = baseline;
      row[`${String(s.measure)}_follow_up`] = followUp;
      row[`${String(s.measure)}_baseline_date`] = isoDay(s.baseline_at);
      row[`${String(s.measure)}_follow_up_date`] = isoDay(s.follow_up_at);
      row[`${String(s.measure)}_change`] =
        baseline === null || followUp === null ? null : round2(followUp - baseline);
    }
    yield [...byCase.values()];
    after = text(cases[cases.length - 1]?.id ?? '');
    if (cases.length < BATCH) return;
  }
}
