import { UNFINISHED_TASK_STATUSES } from '@linkwell/profiles';
import type { Database } from '../db/database';
import type { CaseRecord, ChangeKind } from './records';
import { caseFromRow, text, type Row } from './rows';

/** A case as the caseload shows it: the record plus its contact history and next follow-up. */
export interface CaseloadEntry {
  readonly record: CaseRecord;
  readonly lastContactAt: string | undefined;
  /** When the person was first reached; undefined while they await first contact. */
  readonly firstReachedAt: string | undefined;
  readonly contactAttempts: number;
  /** YYYY-MM-DD */
  readonly nextFollowUp: string | undefined;
  /** The earliest appointment still booked in the diary (ISO date-time), if any. */
  readonly nextAppointment?: string;
  /** Appointments the person did not attend (diary). */
  readonly didNotAttend?: number;
  /** Who covers the case while its holder is away, and until when (YYYY-MM-DD). */
  readonly cover?: { readonly practitioner: string; readonly from: string; readonly until: string };
}

/** Whether a shared record has reached the EHR: the state of its latest outbox row. */
export interface SyncState {
  readonly kind: ChangeKind;
  readonly recordId: string;
  readonly state: 'synced' | 'pending' | 'refused';
  readonly message: string | undefined;
  readonly seq: number;
}

export const OPEN_STATUSES = UNFINISHED_TASK_STATUSES;

const optional = (value: unknown): string | undefined =>
  value === null || value === undefined ? undefined : text(value);
const day = (value: unknown): string | undefined =>
  value === null || value === undefined ? undefined : text(value).slice(0, 10);

/** Read models for the link-worker app's caseload, and the per-case follow-up date. */
export class CaseloadStore {
  constructor(private readonly db: Database) {}

  /** The service's cases (open ones unless `includeClosed`), with contact and follow-up facts. */
  async entries(serviceOrg: string, includeClosed: boolean): Promise<CaseloadEntry[]> {
    const rows = await this.db.query<Row>(
      `SELECT c.*, f.due AS follow_up_due, a.last_at, a.first_reached, a.attempts,
         d.next_at, coalesce(att.did_not_attend, 0) AS did_not_attend,
         cv.practitioner AS cover_by, cv.cover_from, cv.cover_until
       FROM cases c
       LEFT JOIN case_follow_ups f ON f.case_id = c.id
       LEFT JOIN (
         SELECT case_id, min(starts_at) AS next_at FROM appointments
         WHERE status = 'booked' GROUP BY case_id
       ) d ON d.case_id = c.id
       LEFT JOIN case_attendance att ON att.case_id = c.id
       LEFT JOIN (
         SELECT DISTINCT ON (case_id) case_id, practitioner, cover_from, cover_until
         FROM case_assignments
         WHERE kind = 'cover' AND ended_at IS NULL AND cover_until >= current_date
         ORDER BY case_id, seq DESC
       ) cv ON cv.case_id = c.id
       LEFT JOIN (
         SELECT case_id, max(at) AS last_at, count(*)::int AS attempts,
           min(at) FILTER (WHERE outcome = 'reached') AS first_reached
         FROM contact_attempts GROUP BY case_id
       ) a ON a.case_id = c.id
       WHERE c.service_org = $1 AND ($2::boolean OR c.status = ANY($3::text[]))
       ORDER BY c.received_at DESC, c.id`,
      [serviceOrg, includeClosed, [...OPEN_STATUSES]],
    );
    return rows.map((row) => ({
      record: caseFromRow(row),
      lastContactAt: optional(row.last_at),
      firstReachedAt: optional(row.first_reached),
      contactAttempts: Number(row.attempts ?? 0),
      nextFollowUp: day(row.follow_up_due),
      nextAppointment: optional(row.next_at),
      didNotAttend: Number(row.did_not_attend ?? 0),
      ...(row.cover_by === null || row.cover_by === undefined
        ? {}
        : {
            cover: {
              practitioner: text(row.cover_by),
              from: day(row.cover_from) ?? '',
              until: day(row.cover_until) ?? '',
            },
          }),
    }));
  }

  async nextFollowUp(caseId: string): Promise<string | undefined> {
    const rows = await this.db.query<Row>('SELECT due FROM case_follow_ups WHERE case_id = $1', [
      caseId,
    ]);
    return day(rows[0]?.due);
  }

  /** Sets (or with `undefined` clears) the next follow-up; kept locally, never synced. */
  async setNextFollowUp(caseId: string, due: string | undefined, setBy: string): Promise<void> {
    if (due === undefined) {
      await this.db.query('DELETE FROM case_follow_ups WHERE case_id = $1', [caseId]);
      return;
    }
    await this.db.query(
      `INSERT INTO case_follow_ups (case_id, due, set_by, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (case_id) DO UPDATE SET due = EXCLUDED.due, set_by = EXCLUDED.set_by,
         updated_at = EXCLUDED.updated_at`,
      [caseId, due, setBy],
    );
  }

  /** The latest outbox state of every shared record of a case. */
  async syncStates(caseId: string): Promise<SyncState[]> {
    const rows = await this.db.query<Row>(
      `SELECT DISTINCT ON (kind, record_id) kind, record_id, state, message, seq
       FROM outbox WHERE case_id = $1 ORDER BY kind, record_id, seq DESC`,
      [caseId],
    );
    return rows.map((row) => ({
      kind: String(row.kind) as ChangeKind,
      recordId: String(row.record_id),
      state: row.state === 'done' ? 'synced' : row.state === 'held' ? 'refused' : 'pending',
      message: optional(row.message),
      seq: Number(row.seq),
    }));
  }
}
