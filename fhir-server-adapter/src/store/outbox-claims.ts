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
/** How many of the oldest free rows, per row of the batch, are looked at to choose its cases. */
const CANDIDATE_WINDOW = 10;

/**
 * The cases, in order of their oldest row, whose rows (counted within the candidates) first reach
 * `limit`; at least the oldest row's case.
 */
export function casesFilling(candidateCases: readonly string[], limit: number): string[] {
  const rows = new Map<string, number>();
  for (const caseId of candidateCases) rows.set(caseId, (rows.get(caseId) ?? 0) + 1);
  const chosen: string[] = [];
  let filled = 0;
  for (const [caseId, count] of rows) {
    if (filled >= limit) break;
    chosen.push(caseId);
    filled += count;
  }
  return chosen;
}

/** What `deferrableTasks` decided for a batch. */
export interface DeferredTasks {
  /** Cases whose Task waits for the pending Task row at the end of their queue. */
  readonly cases: ReadonlySet<string>;
  /** The batch's own Task rows that row supersedes (already marked done): leave them out. */
  readonly superseded: ReadonlySet<number>;
}

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

  /**
   * Claims whole cases, oldest pending row first, until their pending rows fill `limit`, and
   * returns their oldest rows (at most `limit`). Filling a batch from few cases matters: each case
   * in a batch costs a Task rewrite (its outputs, status, history) and that Task's Provenance, so
   * 50 changes spread over 50 cases cost 50 Task writes taken one row per case, and a handful when
   * taken case by case. The oldest row's case always comes first, so no case waits behind others,
   * and its rows fill the batch before the next case's: a case with a long queue (a catch-up after
   * an outage) has its Task rewritten once per `limit` of its rows, not once per batch that takes
   * a few rows of it (each rewrite carries every output so far, so rewrites grew with the queue).
   */
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
        [this.holder, limit * CANDIDATE_WINDOW, this.endpoint ?? null],
      );
      const caseIds = casesFilling(
        candidates.map((row) => String(row.case_id)),
        limit,
      );
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
         ORDER BY array_position($1::text[], case_id), seq LIMIT $2`,
        [owned.map((row) => String(row.case_id)), limit],
      );
      return rows.map(changeFromRow);
    });
  }

  /**
   * The batch's cases whose Task can wait: more of their records' rows are queued behind the batch.
   * Each gets a pending Task row at the end of its queue (unless one is already there), so the batch
   * that takes its last records writes the Task once, with every output, and a crash in between
   * still leaves the Task to be written. A Task row in the batch itself is superseded by that later
   * one (a Task row is built from the case as it is when sent, so the later row carries its change
   * too); this matters when records go on arriving behind a Task row queued meanwhile (a sync that
   * ran while a link worker was still adding them). Superseded rows are marked done here and must
   * be left out of the batch.
   */
  deferrableTasks(changes: readonly OutboxChange[]): Promise<DeferredTasks> {
    const cases = new Map<string, { last: number; linkWorker: string; taskSeqs: number[] }>();
    for (const change of changes) {
      const seen = cases.get(change.caseId);
      const later = seen === undefined || change.seq > seen.last;
      cases.set(change.caseId, {
        last: later ? change.seq : seen.last,
        linkWorker: later ? change.linkWorker : seen.linkWorker,
        taskSeqs: [...(seen?.taskSeqs ?? []), ...(change.kind === 'task' ? [change.seq] : [])],
      });
    }
    if (cases.size === 0) return Promise.resolve({ cases: new Set(), superseded: new Set() });
    const batch = [...cases].map(([caseId, c]) => ({
      case_id: caseId,
      last_seq: c.last,
      link_worker: c.linkWorker,
    }));
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<Row>(
        `WITH batch AS (
           SELECT * FROM jsonb_to_recordset($1::jsonb) AS b(case_id text, last_seq bigint, link_worker text)
         ), behind AS (
           SELECT b.* FROM batch b WHERE EXISTS (
             SELECT 1 FROM outbox o WHERE o.case_id = b.case_id AND o.state = 'pending'
               AND o.seq > b.last_seq AND o.kind <> 'task')
         ), marked AS (
           INSERT INTO outbox (case_id, kind, record_id, link_worker, created_at)
           SELECT d.case_id, 'task', d.case_id, d.link_worker, now() FROM behind d
           WHERE NOT EXISTS (
             SELECT 1 FROM outbox o WHERE o.case_id = d.case_id AND o.kind = 'task'
               AND o.state = 'pending' AND o.seq > d.last_seq)
           RETURNING case_id
         )
         SELECT case_id FROM behind`,
        [JSON.stringify(batch)],
      );
      const deferred = new Set(rows.map((row) => String(row.case_id)));
      const superseded = [...deferred].flatMap((caseId) => cases.get(caseId)?.taskSeqs ?? []);
      if (superseded.length > 0)
        await tx.query(
          "UPDATE outbox SET state = 'done', message = NULL WHERE seq = ANY($1::bigint[])",
          [superseded],
        );
      return { cases: deferred, superseded: new Set(superseded) };
    });
  }

  /**
   * Another claimer of this process's, for a sync lane running beside this one: its own holder, so
   * the two take disjoint cases exactly as two processes would.
   */
  lane(index: number): OutboxClaims {
    return new OutboxClaims(
      this.db,
      `${this.holder}#${String(index)}`,
      this.ttlSeconds,
      this.endpoint,
    );
  }

  /** Lets go of this holder's cases (after a batch), so any process may take them next. */
  async release(): Promise<void> {
    await this.db.query('DELETE FROM outbox_claims WHERE holder = $1', [this.holder]);
  }
}
