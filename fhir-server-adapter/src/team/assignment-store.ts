import type { CaseAssignment } from '@linkwell/contracts';
import type { Database } from '../db/database';
import { changeStatus } from '../store/case-status';
import type { CaseRecord } from '../store/records';
import { text, type Row } from '../store/rows';

// Who holds each case, and who covers it while they are away (table case_assignments). A change of
// holder updates the case in the same transaction and enqueues its Task, so the case-holder
// extension on the EHR's Task follows; cover stays with the service.

/**
 * A holder or cover change as the API answers it (`practitioner` holds or covers; `coverFrom` and
 * `coverUntil` are YYYY-MM-DD; `by` made the change), and the case it belongs to.
 */
export interface Assignment extends CaseAssignment {
  readonly caseId: string;
}

export interface Cover {
  readonly practitioner: string;
  readonly from: string;
  readonly until: string;
}

const day = (value: unknown): string | undefined =>
  value === null || value === undefined ? undefined : text(value).slice(0, 10);

function fromRow(row: Row): Assignment {
  return {
    seq: Number(row.seq),
    caseId: text(row.case_id),
    kind: row.kind === 'cover' ? 'cover' : 'holder',
    practitioner: text(row.practitioner),
    ...(day(row.cover_from) === undefined ? {} : { coverFrom: day(row.cover_from) }),
    ...(day(row.cover_until) === undefined ? {} : { coverUntil: day(row.cover_until) }),
    ...(row.ended_at === null || row.ended_at === undefined ? {} : { endedAt: text(row.ended_at) }),
    at: text(row.at),
    by: text(row.by_practitioner),
  };
}

const OPEN = ['accepted', 'in-progress', 'on-hold'] as const;

export class AssignmentStore {
  constructor(private readonly db: Database) {}

  /**
   * Makes `to` the case holder (only while the case is open): the case, its history and the Task's
   * outbox row in one transaction. Undefined when the case is not open.
   */
  assign(caseId: string, to: string, by: string): Promise<CaseRecord | undefined> {
    return this.db.transaction(async (tx) => {
      const result = await changeStatus(tx, caseId, { assignedTo: to }, by, { expected: OPEN });
      if (!result.won) return undefined;
      await tx.query(
        `INSERT INTO case_assignments (case_id, kind, practitioner, at, by_practitioner)
         VALUES ($1, 'holder', $2, now(), $3)`,
        [caseId, to, by],
      );
      return result.record;
    });
  }

  /** Adds cover for the case between two days (inclusive); ends any cover it replaces. */
  cover(caseId: string, cover: Cover, by: string): Promise<Assignment> {
    return this.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE case_assignments SET ended_at = now()
         WHERE case_id = $1 AND kind = 'cover' AND ended_at IS NULL`,
        [caseId],
      );
      const rows = await tx.query<Row>(
        `INSERT INTO case_assignments (case_id, kind, practitioner, cover_from, cover_until, at,
           by_practitioner) VALUES ($1, 'cover', $2, $3, $4, now(), $5) RETURNING *`,
        [caseId, cover.practitioner, cover.from, cover.until, by],
      );
      return fromRow(rows[0] ?? {});
    });
  }

  /** Ends the case's cover early; false when there was none. */
  async endCover(caseId: string): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE case_assignments SET ended_at = now()
       WHERE case_id = $1 AND kind = 'cover' AND ended_at IS NULL RETURNING seq`,
      [caseId],
    );
    return rows.length > 0;
  }

  /** Every change of holder or cover on the case, oldest first. */
  async history(caseId: string): Promise<Assignment[]> {
    const rows = await this.db.query<Row>(
      'SELECT * FROM case_assignments WHERE case_id = $1 ORDER BY seq',
      [caseId],
    );
    return rows.map(fromRow);
  }

  /** The case's cover that has not ended and has not yet run out on `today` (YYYY-MM-DD). */
  async currentCover(caseId: string, today: string): Promise<Assignment | undefined> {
    const rows = await this.db.query<Row>(
      `SELECT * FROM case_assignments WHERE case_id = $1 AND kind = 'cover' AND ended_at IS NULL
         AND cover_until >= $2 ORDER BY seq DESC LIMIT 1`,
      [caseId, today],
    );
    return rows[0] === undefined ? undefined : fromRow(rows[0]);
  }
}
