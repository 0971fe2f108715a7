import type { QuestionnaireTiming } from '@linkwell/contracts';
import type { Instrument, ReferralBusinessStatus, ReferralTaskStatus } from '@linkwell/profiles';
import type { Database } from '../db/database';
import type { CaseFacts } from './case-facts';
import { DEFAULT_ENDPOINT } from '../ehr-endpoints';

/**
 * A whole case as the store would hold it after a link worker's work: for the demo seed, the
 * benchmark and the report tests, written in bulk (unnest) rather than through the API.
 */
export interface SyntheticCase {
  readonly id: string;
  readonly serviceOrg: string;
  /** The EHR endpoint the case came from; 'default' when absent. */
  readonly endpoint?: string;
  readonly taskId: string;
  readonly referralRef: `ServiceRequest/${string}`;
  readonly patientRef: `Patient/${string}`;
  readonly status: ReferralTaskStatus;
  readonly businessStatus?: ReferralBusinessStatus;
  readonly statusReason?: string;
  readonly assignedTo?: string;
  readonly receivedAt: string;
  readonly closedAt?: string;
  readonly facts?: Omit<CaseFacts, 'caseId'>;
  /** The patient's agreement to share with the service (no write-back), or its withdrawal. */
  readonly consent?: 'shared' | 'withdrawn';
  /** With consent: the person also agreed to research use (none once withdrawn). */
  readonly research?: boolean;
  readonly contacts?: readonly {
    readonly at: string;
    readonly method: string;
    readonly outcome: string;
  }[];
  /** When the first-meeting status was recorded. */
  readonly firstMeetingAt?: string;
  readonly followUpDue?: string;
  readonly answers?: readonly {
    readonly instrument: Instrument;
    readonly timing: QuestionnaireTiming;
    readonly answers: Readonly<Record<string, number>>;
    readonly authored: string;
  }[];
  readonly goals?: readonly { readonly description: string; readonly startDate: string }[];
  readonly onward?: readonly {
    readonly serviceRef: `HealthcareService/${string}`;
    readonly serviceName: string;
    readonly status: 'active' | 'completed' | 'revoked';
    readonly authoredOn: string;
  }[];
}

const taskJson = (c: SyntheticCase): string =>
  JSON.stringify({
    resourceType: 'Task',
    id: c.taskId,
    status: c.status,
    intent: 'order',
    focus: { reference: c.referralRef },
    for: { reference: c.patientRef },
    owner: { reference: `Organization/${c.serviceOrg}` },
    authoredOn: c.receivedAt,
  });

/** Columns of one table as parallel arrays, for `INSERT ... SELECT FROM unnest(...)`. */
function columns<T>(rows: readonly T[], pick: ((row: T) => unknown)[]): unknown[][] {
  return pick.map((p) => rows.map((r) => p(r) ?? null));
}

/**
 * Writes the cases and everything recorded on them, in transactions of up to 1,000 cases. The
 * per-case figures (migration 11) are refreshed once per batch at its end rather than by each
 * statement's trigger.
 */
export async function writeSyntheticCases(
  db: Database,
  cases: readonly SyntheticCase[],
): Promise<void> {
  for (let start = 0; start < cases.length; start += 1000) {
    const batch = cases.slice(start, start + 1000);
    await db.transaction(async (tx) => {
      const insert = async (sql: string, cols: unknown[][]): Promise<void> => {
        if ((cols[0]?.length ?? 0) > 0) await tx.query(sql, cols);
      };
      await tx.query("SELECT set_config('linkwell.insights_deferred', 'on', true)");
      await insert(
        `INSERT INTO cases (id, service_org, task_id, task_version, task_json, referral_ref,
           patient_ref, status, status_reason, business_status, assigned_to, received_at,
           updated_at, closed_at, endpoint)
         SELECT id, org, task, '1', task_json::jsonb, referral, patient, status, reason, business,
           assigned, received, received, closed, endpoint
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
           $7::text[], $8::text[], $9::text[], $10::text[], $11::timestamptz[], $12::timestamptz[],
           $13::text[])
           AS t(id, org, task, task_json, referral, patient, status, reason, business, assigned,
             received, closed, endpoint)`,
        columns(batch, [
          (c) => c.id,
          (c) => c.serviceOrg,
          (c) => c.taskId,
          taskJson,
          (c) => c.referralRef,
          (c) => c.patientRef,
          (c) => c.status,
          (c) => c.statusReason,
          (c) => c.businessStatus,
          (c) => c.assignedTo,
          (c) => c.receivedAt,
          (c) => c.closedAt,
          (c) => c.endpoint ?? DEFAULT_ENDPOINT,
        ]),
      );
      const withFacts = batch.filter((c) => c.facts !== undefined);
      await insert(
        `INSERT INTO case_facts (case_id, referred_at, practice, needs, birth_date, sex, ethnicity,
           postcode, updated_at)
         SELECT id, referred, practice, string_to_array(needs, '|'), birth, sex, ethnicity,
           postcode, now()
         FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::date[],
           $6::text[], $7::text[], $8::text[])
           AS t(id, referred, practice, needs, birth, sex, ethnicity, postcode)`,
        columns(withFacts, [
          (c) => c.id,
          (c) => c.facts?.referredAt,
          (c) => c.facts?.practice,
          (c) => c.facts?.needs.join('|'),
          (c) => c.facts?.birthDate,
          (c) => c.facts?.sex,
          (c) => c.facts?.ethnicity,
          (c) => c.facts?.postcode,
        ]),
      );
      const consented = batch.filter((c) => c.consent !== undefined);
      await insert(
        `INSERT INTO case_consents (case_id, status, share_with_service, write_back, recorded_at,
           withdrawn_at, research, updated_at)
         SELECT id, CASE WHEN withdrawn THEN 'inactive' ELSE 'active' END, true, false, at,
           CASE WHEN withdrawn THEN at END, research AND NOT withdrawn, at
         FROM unnest($1::text[], $2::boolean[], $3::timestamptz[], $4::boolean[])
           AS t(id, withdrawn, at, research)`,
        columns(consented, [
          (c) => c.id,
          (c) => c.consent === 'withdrawn',
          (c) => c.receivedAt,
          (c) => c.research === true,
        ]),
      );
      const contacts = batch.flatMap((c) =>
        (c.contacts ?? []).map((a, i) => ({
          ...a,
          id: `${c.id}-a${i}`,
          caseId: c.id,
          by: c.assignedTo,
        })),
      );
      await insert(
        `INSERT INTO contact_attempts (id, case_id, at, method, outcome, link_worker)
         SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[])`,
        columns(contacts, [
          (a) => a.id,
          (a) => a.caseId,
          (a) => a.at,
          (a) => a.method,
          (a) => a.outcome,
          (a) => a.by ?? 'Practitioner/unknown',
        ]),
      );
      const meetings = batch.filter((c) => c.firstMeetingAt !== undefined);
      await insert(
        `INSERT INTO case_status_history (case_id, status, business_status, at, by_practitioner)
         SELECT id, 'in-progress', 'first-meeting', at, by FROM unnest($1::text[], $2::timestamptz[], $3::text[]) AS t(id, at, by)`,
        columns(meetings, [(c) => c.id, (c) => c.firstMeetingAt, (c) => c.assignedTo]),
      );
      const followUps = batch.filter((c) => c.followUpDue !== undefined);
      await insert(
        `INSERT INTO case_follow_ups (case_id, due, set_by, updated_at)
         SELECT id, due, by, now() FROM unnest($1::text[], $2::date[], $3::text[]) AS t(id, due, by)`,
        columns(followUps, [
          (c) => c.id,
          (c) => c.followUpDue,
          (c) => c.assignedTo ?? 'Practitioner/unknown',
        ]),
      );
      const answers = batch.flatMap((c) =>
        (c.answers ?? []).map((a, i) => ({
          ...a,
          id: `${c.id}-q${i}`,
          caseId: c.id,
          by: c.assignedTo,
        })),
      );
      await insert(
        `INSERT INTO questionnaire_answers (id, case_id, instrument, timing, answers, authored, shared, link_worker)
         SELECT id, case_id, instrument, timing, answers::jsonb, authored, false, by
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[])
           AS t(id, case_id, instrument, timing, answers, authored, by)`,
        columns(answers, [
          (a) => a.id,
          (a) => a.caseId,
          (a) => a.instrument,
          (a) => a.timing,
          (a) => JSON.stringify(a.answers),
          (a) => a.authored,
          (a) => a.by ?? 'Practitioner/unknown',
        ]),
      );
      const goals = batch.flatMap((c) =>
        (c.goals ?? []).map((g, i) => ({
          ...g,
          id: `${c.id}-g${i}`,
          caseId: c.id,
          by: c.assignedTo,
        })),
      );
      await insert(
        `INSERT INTO goals (id, case_id, description, lifecycle_status, start_date, shared, link_worker, created_at)
         SELECT id, case_id, description, 'active', start, false, by, start
         FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::text[]) AS t(id, case_id, description, start, by)`,
        columns(goals, [
          (g) => g.id,
          (g) => g.caseId,
          (g) => g.description,
          (g) => g.startDate,
          (g) => g.by ?? 'Practitioner/unknown',
        ]),
      );
      const onward = batch.flatMap((c) =>
        (c.onward ?? []).map((o, i) => ({
          ...o,
          id: `${c.id}-o${i}`,
          caseId: c.id,
          by: c.assignedTo,
        })),
      );
      await insert(
        `INSERT INTO onward_referrals (id, case_id, service_ref, service_name, status, authored_on, shared, link_worker)
         SELECT id, case_id, ref, name, status, authored, false, by
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[])
           AS t(id, case_id, ref, name, status, authored, by)`,
        columns(onward, [
          (o) => o.id,
          (o) => o.caseId,
          (o) => o.serviceRef,
          (o) => o.serviceName,
          (o) => o.status,
          (o) => o.authoredOn,
          (o) => o.by ?? 'Practitioner/unknown',
        ]),
      );
      await tx.query(
        `SELECT set_config('linkwell.insights_deferred', 'off', true),
           insights_refresh_cases($1::text[]), insights_refresh_scores($1::text[])`,
        [batch.map((c) => c.id)],
      );
    });
  }
}
