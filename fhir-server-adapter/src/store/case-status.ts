import type { ReferralBusinessStatus, ReferralTaskStatus } from '@linkwell/profiles';
import type { Queryable } from '../db/database';
import type { CaseRecord, ChangeKind } from './records';
import { caseFromRow, text, type Row } from './rows';

export type CasePatch = Partial<
  Pick<CaseRecord, 'status' | 'statusReason' | 'businessStatus' | 'assignedTo'>
>;

/** One step the referral took, as case_status_history keeps it. */
export interface StatusHistoryEntry {
  readonly status: ReferralTaskStatus;
  readonly businessStatus: ReferralBusinessStatus | undefined;
  readonly at: string;
  /** `Practitioner/<id>` of the link worker who made the change. */
  readonly by: string | undefined;
}

/** Why and when the case closed, in the link worker's words. */
export interface Closure {
  readonly reason: string;
  readonly gpActions: string | undefined;
  readonly closedAt: string;
}

export interface StatusChangeOptions {
  /** The statuses the case must be in for the change to apply; absent: any. */
  readonly expected?: readonly ReferralTaskStatus[];
  /** Set when the change closes the case: kept, and a closing summary is enqueued. */
  readonly closure?: { readonly reason: string; readonly gpActions?: string | undefined };
}

/** Whether the change won; a loser learns the state it lost to and the step that made it. */
export type StatusChangeResult =
  | { readonly won: true; readonly record: CaseRecord }
  | {
      readonly won: false;
      readonly record: CaseRecord | undefined;
      readonly last: StatusHistoryEntry | undefined;
    };

export async function enqueue(
  tx: Queryable,
  caseId: string,
  kind: ChangeKind,
  recordId: string,
  linkWorker: string,
): Promise<void> {
  // A case that lives only in the store (an unregistered person) has no Task on any EHR: nothing
  // of it is queued until it is linked (store/intake-store.ts queues its backlog then).
  await tx.query(
    `INSERT INTO outbox (case_id, kind, record_id, link_worker, created_at)
     SELECT $1, $2, $3, $4, now() WHERE EXISTS (SELECT 1 FROM cases WHERE id = $1 AND task_id IS NOT NULL)`,
    [caseId, kind, recordId, linkWorker],
  );
}

function historyFromRow(row: Row): StatusHistoryEntry {
  return {
    status: text(row.status) as ReferralTaskStatus,
    businessStatus: row.business_status === null ? undefined : (text(row.business_status) as never),
    at: text(row.at),
    by: row.by_practitioner === null ? undefined : text(row.by_practitioner),
  };
}

export async function statusHistory(db: Queryable, caseId: string): Promise<StatusHistoryEntry[]> {
  const rows = await db.query<Row>(
    'SELECT * FROM case_status_history WHERE case_id = $1 ORDER BY seq',
    [caseId],
  );
  return rows.map(historyFromRow);
}

export function closureFromRow(row: Row | undefined): Closure | undefined {
  if (row?.closure_reason === null || row?.closure_reason === undefined) return undefined;
  return {
    reason: text(row.closure_reason),
    gpActions: row.gp_actions === null ? undefined : text(row.gp_actions),
    closedAt: text(row.closed_at),
  };
}

/**
 * Changes a case's state in one transaction: the UPDATE states the statuses it expects, so of two
 * racing changes one wins; the winner appends to the status history and enqueues the Task (and, on
 * closing, the summary) for sync.
 */
export async function changeStatus(
  tx: Queryable,
  caseId: string,
  patch: CasePatch,
  linkWorker: string,
  options: StatusChangeOptions,
): Promise<StatusChangeResult> {
  // The row lock makes `before` the state this change replaces, on PostgreSQL as on PGlite.
  const before = (await tx.query<Row>('SELECT * FROM cases WHERE id = $1 FOR UPDATE', [caseId]))[0];
  if (before === undefined) return { won: false, record: undefined, last: undefined };
  const rows = await tx.query<Row>(
    `UPDATE cases SET status = COALESCE($2, status),
       status_reason = CASE WHEN $2::text IS NULL THEN status_reason ELSE $3 END,
       business_status = COALESCE($4, business_status),
       assigned_to = COALESCE($5, assigned_to),
       closure_reason = COALESCE($6, closure_reason),
       gp_actions = CASE WHEN $6::text IS NULL THEN gp_actions ELSE $7 END,
       closed_at = CASE WHEN $6::text IS NULL THEN closed_at ELSE now() END,
       updated_at = now()
     WHERE id = $1 AND ($8::text[] IS NULL OR status = ANY($8::text[])) RETURNING *`,
    [
      caseId,
      patch.status ?? null,
      patch.statusReason ?? null,
      patch.businessStatus ?? null,
      patch.assignedTo ?? null,
      options.closure?.reason ?? null,
      options.closure?.gpActions ?? null,
      options.expected === undefined ? null : [...options.expected],
    ],
  );
  if (rows[0] === undefined) {
    const last = (await statusHistory(tx, caseId)).at(-1);
    return { won: false, record: caseFromRow(before), last };
  }
  const [was, now] = [caseFromRow(before), caseFromRow(rows[0])];
  if (was.status !== now.status || was.businessStatus !== now.businessStatus) {
    await tx.query(
      `INSERT INTO case_status_history (case_id, status, business_status, at, by_practitioner)
       VALUES ($1, $2, $3, now(), $4)`,
      [caseId, now.status, now.businessStatus ?? null, linkWorker],
    );
  }
  await enqueue(tx, caseId, 'task', caseId, linkWorker);
  if (options.closure !== undefined) await enqueue(tx, caseId, 'summary', caseId, linkWorker);
  return { won: true, record: now };
}
