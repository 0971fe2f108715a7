import { randomUUID } from 'node:crypto';
import type { Task } from 'fhir/r4';
import type { Database } from '../db/database';
import { DEFAULT_ENDPOINT } from '../ehr-endpoints';
import {
  changeStatus,
  closureFromRow,
  enqueue,
  statusHistory,
  type CasePatch,
  type Closure,
  type StatusChangeOptions,
  type StatusChangeResult,
  type StatusHistoryEntry,
} from './case-status';
import type {
  CaseNote,
  CaseRecord,
  ContactAttempt,
  GoalRecord,
  LinkedCase,
  OnwardReferralRecord,
  QuestionnaireAnswersRecord,
} from './records';
import { linkedCase } from './records';
import {
  answersFromRow,
  attemptFromRow,
  caseFromRow,
  goalFromRow,
  noteFromRow,
  onwardFromRow,
  type Row,
} from './rows';

export type { CasePatch, Closure, StatusChangeResult, StatusHistoryEntry } from './case-status';

export interface NewCase {
  readonly serviceOrg: string;
  readonly task: Task & { id: string };
  readonly referralRef: string;
  readonly patientRef: string;
  /** The EHR endpoint the Task came from (every write for the case goes back there). */
  readonly endpoint?: string;
}

const versionOf = (task: Task): string | null => task.meta?.versionId ?? null;

/** A row of a case opened from a Task: linked to the EHR by construction. */
function linked(row: Row): LinkedCase {
  const record = linkedCase(caseFromRow(row));
  if (record === undefined) throw new Error('a case opened from a Task has no Task');
  return record;
}

/**
 * The link-worker service's own records. Every change that is to be shared is committed together
 * with its outbox row, so it syncs later even if the adapter stops right after.
 */
export class CaseStore {
  constructor(private readonly db: Database) {}

  /**
   * Creates the case for a Task exactly once (a Task id is unique per endpoint); later calls
   * refresh the snapshot.
   */
  async ingestTask(input: NewCase): Promise<{ created: boolean; record: LinkedCase }> {
    const endpoint = input.endpoint ?? DEFAULT_ENDPOINT;
    const created = await this.db.query<Row>(
      `INSERT INTO cases (id, service_org, task_id, task_version, task_json, referral_ref, patient_ref,
         status, status_reason, business_status, received_at, updated_at, endpoint)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $9, now(), now(), $10)
       ON CONFLICT (endpoint, task_id) DO NOTHING RETURNING *`,
      [
        randomUUID(),
        input.serviceOrg,
        input.task.id,
        versionOf(input.task),
        input.task as unknown as Record<string, unknown>,
        input.referralRef,
        input.patientRef,
        input.task.status,
        input.task.businessStatus?.coding?.[0]?.code ?? null,
        endpoint,
      ],
    );
    if (created[0] !== undefined) return { created: true, record: linked(created[0]) };
    await this.refreshTaskSnapshot(input.task, endpoint);
    const existing = await this.db.query<Row>(
      'SELECT * FROM cases WHERE endpoint = $1 AND task_id = $2',
      [endpoint, input.task.id],
    );
    if (existing[0] === undefined) throw new Error(`case for Task/${input.task.id} vanished`);
    return { created: false, record: linked(existing[0]) };
  }

  /** Keeps the newest server copy of a Task (versions only move forward). */
  async refreshTaskSnapshot(
    task: Task & { id: string },
    endpoint: string = DEFAULT_ENDPOINT,
  ): Promise<void> {
    await this.db.query(
      `UPDATE cases SET task_json = $2, task_version = $3
       WHERE task_id = $1 AND endpoint = $4 AND (task_version IS NULL OR $3::text IS NULL
         OR (task_version ~ '^[0-9]+$' AND $3 ~ '^[0-9]+$' AND $3::bigint > task_version::bigint))`,
      [task.id, task as unknown as Record<string, unknown>, versionOf(task), endpoint],
    );
  }

  async getCase(id: string): Promise<CaseRecord | undefined> {
    const rows = await this.db.query<Row>('SELECT * FROM cases WHERE id = $1', [id]);
    return rows[0] === undefined ? undefined : caseFromRow(rows[0]);
  }

  async listCases(serviceOrg: string): Promise<CaseRecord[]> {
    const rows = await this.db.query<Row>(
      'SELECT * FROM cases WHERE service_org = $1 ORDER BY received_at DESC, id',
      [serviceOrg],
    );
    return rows.map(caseFromRow);
  }

  /**
   * Changes the case's state atomically: with `expected`, only from those statuses (the loser of a
   * race learns what it lost to); status history, closure and outbox rows in the same transaction.
   */
  updateCase(
    caseId: string,
    patch: CasePatch,
    linkWorker: string,
    options: StatusChangeOptions = {},
  ): Promise<StatusChangeResult> {
    return this.db.transaction((tx) => changeStatus(tx, caseId, patch, linkWorker, options));
  }

  statusHistory(caseId: string): Promise<StatusHistoryEntry[]> {
    return statusHistory(this.db, caseId);
  }

  async closure(caseId: string): Promise<Closure | undefined> {
    const rows = await this.db.query<Row>(
      'SELECT closure_reason, gp_actions, closed_at FROM cases WHERE id = $1',
      [caseId],
    );
    return closureFromRow(rows[0]);
  }

  async addContactAttempt(attempt: Omit<ContactAttempt, 'id'>): Promise<ContactAttempt> {
    const record = { ...attempt, id: randomUUID() };
    await this.db.query(
      'INSERT INTO contact_attempts (id, case_id, at, method, outcome, link_worker) VALUES ($1, $2, $3, $4, $5, $6)',
      [record.id, record.caseId, record.at, record.method, record.outcome, record.linkWorker],
    );
    return record;
  }

  async addNote(note: Omit<CaseNote, 'id' | 'createdAt'>): Promise<CaseNote> {
    const record = { ...note, id: randomUUID(), createdAt: new Date().toISOString() };
    await this.db.query(
      'INSERT INTO notes (id, case_id, author, text, created_at) VALUES ($1, $2, $3, $4, $5)',
      [record.id, record.caseId, record.author, record.text, record.createdAt],
    );
    return record;
  }

  async addGoal(goal: Omit<GoalRecord, 'id' | 'createdAt'>): Promise<GoalRecord> {
    const record: GoalRecord = { ...goal, id: randomUUID(), createdAt: new Date().toISOString() };
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO goals (id, case_id, description, lifecycle_status, achievement, target_measure,
           target_detail, target_due, start_date, shared, link_worker, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          record.id,
          record.caseId,
          record.description,
          record.lifecycleStatus,
          record.achievement ?? null,
          record.targetMeasure ?? null,
          record.targetDetail ?? null,
          record.targetDue ?? null,
          record.startDate,
          record.shared,
          record.linkWorker,
          record.createdAt,
        ],
      );
      if (record.shared) await enqueue(tx, record.caseId, 'goal', record.id, record.linkWorker);
    });
    return record;
  }

  async updateGoal(
    goal: GoalRecord,
    patch: Pick<GoalRecord, 'lifecycleStatus' | 'achievement'>,
    linkWorker: string,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('UPDATE goals SET lifecycle_status = $2, achievement = $3 WHERE id = $1', [
        goal.id,
        patch.lifecycleStatus,
        patch.achievement ?? null,
      ]);
      if (goal.shared) await enqueue(tx, goal.caseId, 'goal', goal.id, linkWorker);
    });
  }

  async addAnswers(
    answers: Omit<QuestionnaireAnswersRecord, 'id'>,
  ): Promise<QuestionnaireAnswersRecord> {
    const record = { ...answers, id: randomUUID() };
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO questionnaire_answers (id, case_id, instrument, timing, answers, authored, shared, link_worker)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          record.id,
          record.caseId,
          record.instrument,
          record.timing,
          record.answers as Record<string, unknown>,
          record.authored,
          record.shared,
          record.linkWorker,
        ],
      );
      if (record.shared) await enqueue(tx, record.caseId, 'outcome', record.id, record.linkWorker);
    });
    return record;
  }

  async addOnwardReferral(onward: Omit<OnwardReferralRecord, 'id'>): Promise<OnwardReferralRecord> {
    const record = { ...onward, id: randomUUID() };
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO onward_referrals (id, case_id, service_ref, service_name, note, status, authored_on, shared, link_worker)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          record.id,
          record.caseId,
          record.serviceRef,
          record.serviceName ?? null,
          record.note ?? null,
          record.status,
          record.authoredOn,
          record.shared,
          record.linkWorker,
        ],
      );
      if (record.shared) await enqueue(tx, record.caseId, 'onward', record.id, record.linkWorker);
    });
    return record;
  }

  async contactAttempts(caseId: string): Promise<ContactAttempt[]> {
    return (await this.byCase('contact_attempts', caseId, 'at')).map(attemptFromRow);
  }

  async notes(caseId: string): Promise<CaseNote[]> {
    return (await this.byCase('notes', caseId, 'created_at')).map(noteFromRow);
  }

  async goals(caseId: string): Promise<GoalRecord[]> {
    return (await this.byCase('goals', caseId, 'created_at')).map(goalFromRow);
  }

  goal(id: string): Promise<GoalRecord | undefined> {
    return this.one('goals', id, goalFromRow);
  }

  async answers(caseId: string): Promise<QuestionnaireAnswersRecord[]> {
    return (await this.byCase('questionnaire_answers', caseId, 'authored')).map(answersFromRow);
  }

  answer(id: string): Promise<QuestionnaireAnswersRecord | undefined> {
    return this.one('questionnaire_answers', id, answersFromRow);
  }

  async onwardReferrals(caseId: string): Promise<OnwardReferralRecord[]> {
    return (await this.byCase('onward_referrals', caseId, 'authored_on')).map(onwardFromRow);
  }

  onwardReferral(id: string): Promise<OnwardReferralRecord | undefined> {
    return this.one('onward_referrals', id, onwardFromRow);
  }

  /** A case's rows of one table, in `order` (table and column names are ours, never input). */
  private byCase(table: string, caseId: string, order: string): Promise<Row[]> {
    return this.db.query<Row>(`SELECT * FROM ${table} WHERE case_id = $1 ORDER BY ${order}`, [
      caseId,
    ]);
  }

  private async one<T>(table: string, id: string, map: (row: Row) => T): Promise<T | undefined> {
    const [row] = await this.db.query<Row>(`SELECT * FROM ${table} WHERE id = $1`, [id]);
    return row === undefined ? undefined : map(row);
  }
}
