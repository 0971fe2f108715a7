import type { Database } from '../db/database';
import { text, type Row } from './rows';

/** One access to a case: who, what kind, which endpoint, the answer, when. Never the content. */
export interface CaseAccess {
  readonly caseId: string;
  /** `Practitioner/<id>` of the signed-in link worker. */
  readonly practitioner: string;
  readonly action: 'read' | 'change';
  /** The endpoint's shape, ids replaced: `GET /cases/:id/details`. */
  readonly route: string;
  readonly status: number;
  readonly requestId: string;
  readonly at: string;
}

function accessFromRow(row: Row): CaseAccess {
  return {
    caseId: text(row.case_id),
    practitioner: text(row.practitioner),
    action: row.action === 'change' ? 'change' : 'read',
    route: text(row.route),
    status: Number(row.status),
    requestId: text(row.request_id),
    at: text(row.at),
  };
}

/** The case audit trail (table case_access): appended after each answer, listed per case. */
export class CaseAccessStore {
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly db: Database) {}

  /** Appends one entry; a listing waits for entries still being written. */
  record(access: CaseAccess): Promise<void> {
    const write = this.db
      .query(
        `INSERT INTO case_access (case_id, practitioner, action, route, status, request_id, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          access.caseId,
          access.practitioner,
          access.action,
          access.route,
          access.status,
          access.requestId,
          access.at,
        ],
      )
      .then(() => undefined);
    this.pending.add(write);
    void write.finally(() => this.pending.delete(write)).catch(() => undefined);
    return write;
  }

  /** A case's accesses, newest first. */
  async history(caseId: string, limit = 500): Promise<CaseAccess[]> {
    await Promise.allSettled([...this.pending]);
    const rows = await this.db.query(
      'SELECT * FROM case_access WHERE case_id = $1 ORDER BY at DESC, seq DESC LIMIT $2',
      [caseId, limit],
    );
    return rows.map(accessFromRow);
  }
}
