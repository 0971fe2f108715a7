import { randomUUID } from 'node:crypto';
import type { Task } from 'fhir/r4';
import type {
  CaseSource as CaseSourceAnswer,
  LocalPerson,
  ReferralSource,
} from '@linkwell/contracts';
import type { Database, Queryable } from '../db/database';
import { enqueue } from '../store/case-status';
import type { CaseRecord } from '../store/records';
import { caseFromRow, text, type Row } from '../store/rows';
import { DEFAULT_ENDPOINT } from '../ehr-endpoints';

// Where a case came from (every source, a GP's referral Task among them) and, for a person who is
// not registered on the EHR, who they are. A case opened this way without an EHR link has no
// task, referral or patient reference until a GP's referral of the same person links it.

export type { LocalPerson };

/** A source as it is recorded: the contract's answer without its id and time. */
export type SourceInput = Omit<CaseSourceAnswer, 'id' | 'recordedAt'>;

export interface CaseSource extends CaseSourceAnswer {
  readonly id: string;
  readonly caseId: string;
}

const optional = (value: unknown): string | undefined =>
  value === null || value === undefined ? undefined : text(value);

function sourceFromRow(row: Row): CaseSource {
  return {
    id: text(row.id),
    caseId: text(row.case_id),
    kind: text(row.kind) as ReferralSource,
    referrerName: optional(row.referrer_name),
    referrerOrganisation: optional(row.referrer_organisation),
    referrerContact: optional(row.referrer_contact),
    heardFrom: optional(row.heard_from),
    reason: optional(row.reason),
    needs: (row.needs as string[] | null) ?? [],
    taskId: optional(row.task_id),
    recordedBy: optional(row.recorded_by),
    recordedAt: text(row.recorded_at),
  };
}

function personFromRow(row: Row): LocalPerson & { caseId: string } {
  return {
    caseId: text(row.case_id),
    given: text(row.given),
    family: text(row.family),
    birthDate: text(row.birth_date),
    nhsNumber: optional(row.nhs_number),
    postcode: optional(row.postcode),
    contact: optional(row.contact),
  };
}

// Closed cases are not linked to: a new referral after discharge is a new episode.
const OPEN = `status NOT IN ('completed', 'failed', 'cancelled', 'rejected', 'entered-in-error')`;

export class IntakeStore {
  constructor(private readonly db: Database) {}

  /** Records a source on a case (in the caller's transaction when given). */
  async addSource(caseId: string, source: SourceInput, tx: Queryable = this.db): Promise<string> {
    const id = randomUUID();
    await tx.query(
      `INSERT INTO case_sources (id, case_id, kind, referrer_name, referrer_organisation,
         referrer_contact, heard_from, reason, needs, task_id, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())
       ON CONFLICT (task_id) DO NOTHING`,
      [
        id,
        caseId,
        source.kind,
        source.referrerName ?? null,
        source.referrerOrganisation ?? null,
        source.referrerContact ?? null,
        source.heardFrom ?? null,
        source.reason ?? null,
        JSON.stringify(source.needs),
        source.taskId ?? null,
        source.recordedBy ?? null,
      ],
    );
    return id;
  }

  async sources(caseId: string): Promise<CaseSource[]> {
    const rows = await this.db.query<Row>(
      'SELECT * FROM case_sources WHERE case_id = $1 ORDER BY recorded_at, id',
      [caseId],
    );
    return rows.map(sourceFromRow);
  }

  /** The case a GP's Task was linked to as a source, if it was. */
  async caseOfSourceTask(taskId: string): Promise<string | undefined> {
    const rows = await this.db.query<Row>('SELECT case_id FROM case_sources WHERE task_id = $1', [
      taskId,
    ]);
    return rows[0] === undefined ? undefined : text(rows[0].case_id);
  }

  /** The service's open case for a patient on the EHR, if there is one. */
  async openCaseOf(
    serviceOrg: string,
    patientRef: string,
    endpoint: string = DEFAULT_ENDPOINT,
  ): Promise<CaseRecord | undefined> {
    const rows = await this.db.query<Row>(
      `SELECT * FROM cases WHERE service_org = $1 AND patient_ref = $2 AND endpoint = $3 AND ${OPEN}
       ORDER BY received_at LIMIT 1`,
      [serviceOrg, patientRef, endpoint],
    );
    return rows[0] === undefined ? undefined : caseFromRow(rows[0]);
  }

  /**
   * The service's open local-only case for this person: the same NHS number, or the same family
   * name, given name and birth date (letter case and spaces aside).
   */
  async openLocalCaseOf(serviceOrg: string, person: LocalPerson): Promise<string | undefined> {
    const rows = await this.db.query<Row>(
      `SELECT c.id FROM cases c JOIN case_people p ON p.case_id = c.id
       WHERE c.service_org = $1 AND c.task_id IS NULL AND ${OPEN.replace('status', 'c.status')}
         AND (($2::text IS NOT NULL AND p.nhs_number = $2)
           OR (lower(p.family) = lower($3) AND lower(p.given) = lower($4) AND p.birth_date = $5::date))
       ORDER BY c.received_at LIMIT 1`,
      [serviceOrg, person.nhsNumber ?? null, person.family, person.given, person.birthDate],
    );
    return rows[0] === undefined ? undefined : text(rows[0].id);
  }

  /** Opens a case that lives only in the store, with its person and first source, at once. */
  async openLocalCase(
    serviceOrg: string,
    person: LocalPerson,
    source: SourceInput,
  ): Promise<string> {
    const caseId = randomUUID();
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO cases (id, service_org, task_id, task_version, task_json, referral_ref,
           patient_ref, status, received_at, updated_at)
         VALUES ($1, $2, NULL, NULL, NULL, NULL, NULL, 'requested', now(), now())`,
        [caseId, serviceOrg],
      );
      await tx.query(
        `INSERT INTO case_people (case_id, given, family, birth_date, nhs_number, postcode, contact)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          caseId,
          person.given,
          person.family,
          person.birthDate,
          person.nhsNumber ?? null,
          person.postcode ?? null,
          person.contact ?? null,
        ],
      );
      await this.addSource(caseId, source, tx);
    });
    return caseId;
  }

  /** The people of local-only cases, by case id. */
  async people(caseIds: readonly string[]): Promise<Map<string, LocalPerson>> {
    if (caseIds.length === 0) return new Map();
    const rows = await this.db.query<Row>(
      `SELECT case_id, given, family, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, nhs_number,
         postcode, contact FROM case_people WHERE case_id = ANY($1::text[])`,
      [[...caseIds]],
    );
    return new Map(rows.map((row) => [text(row.case_id), personFromRow(row)]));
  }

  /** Needs recorded with each case's first source (what a local-only case was referred for). */
  async firstNeeds(caseIds: readonly string[]): Promise<Map<string, string[]>> {
    if (caseIds.length === 0) return new Map();
    const rows = await this.db.query<Row>(
      `SELECT DISTINCT ON (case_id) case_id, needs FROM case_sources
       WHERE case_id = ANY($1::text[]) ORDER BY case_id, recorded_at, id`,
      [[...caseIds]],
    );
    return new Map(rows.map((row) => [text(row.case_id), (row.needs as string[] | null) ?? []]));
  }

  /**
   * Makes a GP's referral Task (from `endpoint`) the case's link to the EHR, with the source, in one
   * transaction; the case's reads and writes go to that endpoint from then on.
   * A local-only case gets its Task, Referral and Patient; everything shared so far is queued, so
   * write-back (as the GP's Consent allows) catches up. A case already linked through its own
   * Task moves to the GP's: the Task's status and history go there at the next sync.
   */
  async linkTask(
    caseId: string,
    task: Task & { id: string },
    refs: { referralRef: string; patientRef: string },
    source: SourceInput,
    endpoint: string = DEFAULT_ENDPOINT,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      // The Task the service wrote itself for this case (a self-referral's, say), on the same EHR:
      // closed once the GP's Task takes over, so the record does not show two open referrals.
      const [before] = await tx.query<Row>(
        'SELECT task_id, task_json, endpoint, service_org FROM cases WHERE id = $1',
        [caseId],
      );
      const earlier = optional(before?.task_id);
      const earlierTask = before?.task_json as Task | null | undefined;
      const supersedes =
        earlier !== undefined &&
        earlier !== task.id &&
        text(before?.endpoint) === endpoint &&
        earlierTask?.requester?.reference === `Organization/${text(before?.service_org)}`;
      await tx.query(
        `UPDATE cases SET task_id = $2, task_version = $3, task_json = $4, referral_ref = $5,
           patient_ref = $6, endpoint = $7, updated_at = now() WHERE id = $1`,
        [
          caseId,
          task.id,
          task.meta?.versionId ?? null,
          task as unknown as Record<string, unknown>,
          refs.referralRef,
          refs.patientRef,
          endpoint,
        ],
      );
      await this.addSource(caseId, { ...source, taskId: task.id }, tx);
      // Provenance names who made a change: the case holder, else the service itself.
      const [owner] = await tx.query<Row>(
        'SELECT assigned_to, service_org FROM cases WHERE id = $1',
        [caseId],
      );
      const by =
        source.recordedBy ??
        optional(owner?.assigned_to) ??
        `Organization/${text(owner?.service_org)}`;
      await enqueue(tx, caseId, 'task', caseId, by);
      if (supersedes) await enqueue(tx, caseId, 'supersede', earlier, by);
      for (const [table, kind] of [
        ['goals', 'goal'],
        ['questionnaire_answers', 'outcome'],
        ['onward_referrals', 'onward'],
      ] as const) {
        const shared = await tx.query<Row>(
          `SELECT id FROM ${table} WHERE case_id = $1 AND shared ORDER BY id`,
          [caseId],
        );
        for (const row of shared) await enqueue(tx, caseId, kind, text(row.id), by);
      }
    });
  }

  /** A local-only case's person (for its postcode, say). */
  async person(caseId: string): Promise<LocalPerson | undefined> {
    return (await this.people([caseId])).get(caseId);
  }
}
