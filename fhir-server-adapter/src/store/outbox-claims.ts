import type { Database } from '../db/database';
import type { OutboxChange } from './records';
import { changeFromRow } from './sync-store';
import type { Row } from './rows';

/**
 * Which adapter process works which case's outbox rows, so several processes can drain one store.
 * A case is claimed as a whole (its Task collects every record's output, so two writers of one case
 * would fight over it); a claim lapses after `ttlSeconds` when its holder dies without releasing.
 * Candidate rows are taken `FOR UPDATE SKIP LOCKED`, so concurrent claimers pick disjoint cases;
 * the claim row itself is the arbiter (an upsert that only an expired or own claim lets through).
 * PGlite runs the same statements on its one connection.
 */
export class OutboxClaims {
  constructor(
    private readonly db: Database,
    private readonly holder: string,
    private readonly ttlSeconds: number,
    /**
     * Only cases from this EHR endpoint (one claimer per endpoint, so an endpoint that is down
     * never holds back another's rows); every case when absent.
     */
    private readonly endpoint?: string,
  ) {}

  /** Claims the cases of the oldest free pending rows; returns their oldest rows, at most `limit`. */
  claim(limit: number): Promise<OutboxChange[]> {
    return this.db.transaction(async (tx) => {
      const candidates = await tx.query<Row>(
        `SELECT o.case_id FROM outbox o
         WHERE o.state = 'pending' AND NOT EXISTS (
           SELECT 1 FROM outbox_claims c
           WHERE c.case_id = o.case_id AND c.holder <> $1 AND c.until > now())
           AND ($3::text IS NULL OR EXISTS (
             SELECT 1 FROM cases k WHERE k.id = o.case_id AND k.endpoint = $3))
         ORDER BY o.seq LIMIT $2 FOR UPDATE OF o SKIP LOCKED`,
        [this.holder, limit, this.endpoint ?? null],
      );
      const caseIds = [...new Set(candidates.map((row) => String(row.case_id)))];
      if (caseIds.length === 0) return [];
      const owned = await tx.query<Row>(
        `INSERT INTO outbox_claims (case_id, holder, until)
         SELECT id, $2, now() + make_interval(secs => $3) FROM unnest($1::text[]) AS id
         ON CONFLICT (case_id) DO UPDATE SET holder = EXCLUDED.holder, until = EXCLUDED.until
         WHERE outbox_claims.holder = EXCLUDED.holder OR outbox_claims.until <= now()
         RETURNING case_id`,
        [caseIds, this.holder, this.ttlSeconds],
      );
      if (owned.length === 0) return [];
      const rows = await tx.query<Row>(
        `SELECT * FROM outbox WHERE state = 'pending' AND case_id = ANY($1::text[])
         ORDER BY seq LIMIT $2`,
        [owned.map((row) => String(row.case_id)), limit],
      );
      return rows.map(changeFromRow);
    });
  }

  /** Lets go of this holder's cases (after a batch), so any process may take them next. */
  async release(): Promise<void> {
    await this.db.query('DELETE FROM outbox_claims WHERE holder = $1', [this.holder]);
  }
}
