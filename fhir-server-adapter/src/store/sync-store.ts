import type { Task } from 'fhir/r4';
import type { Database } from '../db/database';
import { ConsentStore } from './consent-store';
import type { CaseConsent, ChangeKind, FhirLink, HeldChange, OutboxChange } from './records';
import type { Row } from './rows';

/** What the patient agreed to, per case (store/consent-store.ts implements it). */
export interface ConsentLookup {
  consentOf(caseId: string): Promise<CaseConsent | undefined>;
}

/** A practitioner's display name from `Practitioner/<id>` (undefined when unknown). */
export interface NameLookup {
  nameOf(reference: string): Promise<string | undefined>;
}

export function changeFromRow(row: Row): OutboxChange {
  return {
    seq: Number(row.seq),
    caseId: String(row.case_id),
    kind: String(row.kind) as ChangeKind,
    recordId: String(row.record_id),
    linkWorker: String(row.link_worker),
    attempts: Number(row.attempts),
  };
}

function linkFromRow(row: Row): FhirLink {
  return {
    kind: String(row.kind) as ChangeKind,
    recordId: String(row.record_id),
    resourceType: String(row.resource_type),
    fhirId: String(row.fhir_id),
    versionId: typeof row.version_id === 'string' ? row.version_id : undefined,
    contentHash: String(row.content_hash),
  };
}

/** The sync engine's side of the store: the outbox, links to FHIR resources, and cursors. */
export class SyncStore implements ConsentLookup {
  private readonly consents: ConsentStore;

  /** `db` is public so the outbox claims (store/outbox-claims.ts) share the connection. */
  constructor(readonly db: Database) {
    this.consents = new ConsentStore(db);
  }

  consentOf(caseId: string): Promise<CaseConsent | undefined> {
    return this.consents.consentOf(caseId);
  }

  /** The oldest pending changes, at most `limit`. */
  async pending(limit: number): Promise<OutboxChange[]> {
    const rows = await this.db.query<Row>(
      "SELECT * FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT $1",
      [limit],
    );
    return rows.map(changeFromRow);
  }

  async pendingCount(): Promise<number> {
    const rows = await this.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM outbox WHERE state = 'pending'",
    );
    return rows[0]?.n ?? 0;
  }

  async markDone(seqs: readonly number[]): Promise<void> {
    if (seqs.length === 0) return;
    await this.db.query(
      "UPDATE outbox SET state = 'done', message = NULL WHERE seq = ANY($1::bigint[])",
      [seqs as number[]],
    );
  }

  /** Keeps changes the server refused with its message, for a link worker to fix; never drops them. */
  async hold(seqs: readonly number[], message: string): Promise<void> {
    await this.db.query(
      "UPDATE outbox SET state = 'held', message = $2, attempts = attempts + 1 WHERE seq = ANY($1::bigint[])",
      [seqs as number[], message],
    );
  }

  async countAttempt(seqs: readonly number[], message: string): Promise<void> {
    await this.db.query(
      'UPDATE outbox SET attempts = attempts + 1, message = $2 WHERE seq = ANY($1::bigint[])',
      [seqs as number[], message],
    );
  }

  async held(caseIds?: readonly string[]): Promise<HeldChange[]> {
    // HeldChange's kind is the records' kinds; summary and consent rows are held the same way.
    const rows = await this.db.query<Row>(
      caseIds === undefined
        ? "SELECT * FROM outbox WHERE state = 'held' ORDER BY seq"
        : "SELECT * FROM outbox WHERE state = 'held' AND case_id = ANY($1::text[]) ORDER BY seq",
      caseIds === undefined ? [] : [caseIds as string[]],
    );
    return rows.map((row) => ({ ...changeFromRow(row), message: String(row.message) }));
  }

  /** Puts a held change back in the queue (after the link worker fixed the record). */
  async release(seq: number): Promise<boolean> {
    const rows = await this.db.query<Row>(
      "UPDATE outbox SET state = 'pending' WHERE seq = $1 AND state = 'held' RETURNING seq",
      [seq],
    );
    return rows.length > 0;
  }

  async links(kind: ChangeKind, recordId: string): Promise<FhirLink[]> {
    const rows = await this.db.query<Row>(
      'SELECT * FROM fhir_links WHERE kind = $1 AND record_id = $2',
      [kind, recordId],
    );
    return rows.map(linkFromRow);
  }

  /** The links of many records at once (a case's Task, summary, goals, answers, onward...). */
  async linksOf(recordIds: readonly string[]): Promise<FhirLink[]> {
    if (recordIds.length === 0) return [];
    const rows = await this.db.query<Row>(
      'SELECT * FROM fhir_links WHERE record_id = ANY($1::text[])',
      [recordIds as string[]],
    );
    return rows.map(linkFromRow);
  }

  async saveLinks(links: readonly FhirLink[]): Promise<void> {
    if (links.length === 0) return;
    await this.db.transaction(async (tx) => {
      for (const link of links) {
        await tx.query(
          `INSERT INTO fhir_links (kind, record_id, resource_type, fhir_id, version_id, content_hash)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (kind, record_id, resource_type, fhir_id)
           DO UPDATE SET version_id = EXCLUDED.version_id, content_hash = EXCLUDED.content_hash`,
          [
            link.kind,
            link.recordId,
            link.resourceType,
            link.fhirId,
            link.versionId ?? null,
            link.contentHash,
          ],
        );
      }
    });
  }

  /** Stores the server's Task after our update (or a re-read), so the next update If-Matches it. */
  async saveTask(caseId: string, task: Task): Promise<void> {
    await this.db.query('UPDATE cases SET task_json = $2, task_version = $3 WHERE id = $1', [
      caseId,
      task as unknown as Record<string, unknown>,
      task.meta?.versionId ?? null,
    ]);
  }

  async getState(key: string): Promise<string | undefined> {
    const rows = await this.db.query<Row>('SELECT value FROM sync_state WHERE key = $1', [key]);
    return rows[0] === undefined ? undefined : String(rows[0].value);
  }

  /** Stores `value` unless the key has one already; returns what is stored (first writer wins). */
  async initState(key: string, value: string): Promise<string> {
    await this.db.query(
      'INSERT INTO sync_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
      [key, value],
    );
    return (await this.getState(key)) ?? value;
  }

  async setState(key: string, value: string): Promise<void> {
    await this.db.query(
      'INSERT INTO sync_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value',
      [key, value],
    );
  }
}
