import type { Database, Queryable } from '../db/database';
import { text } from '../store/rows';
import type { DirectoryEntry } from './entry';

/** What the store keeps of one written resource: enough to tell whether the next write is needed. */
export interface WrittenResource {
  readonly key: string;
  readonly hash: string;
}

/** A directory service as the store has it. */
export interface StoredService {
  readonly feedId: string;
  readonly fhirId: string;
  readonly entry: DirectoryEntry;
  readonly inFeed: boolean;
}

type Row = Record<string, unknown>;

const resourceKey = (type: string, id: string): string => `${type}/${id}`;

function searchText(entry: DirectoryEntry): string {
  return [
    entry.name,
    entry.description,
    entry.organization.name,
    entry.eligibility,
    ...entry.terms.map((t) => t.name ?? t.code),
    ...entry.locations.flatMap((l) => [l.name, l.address?.city, l.address?.postalCode]),
  ]
    .filter((p): p is string => p !== undefined)
    .join(' ')
    .toLowerCase();
}

/** The imported directory in the adapter's store: the search copy and the write hashes. */
export class DirectoryStore {
  constructor(private readonly db: Database) {}

  /** Content hashes of every resource the import wrote, keyed `Type/id`. */
  async writtenHashes(): Promise<Map<string, string>> {
    const rows = await this.db.query<Row>(
      'SELECT resource_type, fhir_id, content_hash FROM directory_resources',
    );
    return new Map(
      rows.map((r) => [resourceKey(text(r.resource_type), text(r.fhir_id)), text(r.content_hash)]),
    );
  }

  async services(feedName: string): Promise<Map<string, StoredService>> {
    const rows = await this.db.query<Row>(
      'SELECT feed_id, fhir_id, entry, in_feed FROM directory_services WHERE feed_name = $1',
      [feedName],
    );
    return new Map(
      rows.map((r) => [
        text(r.feed_id),
        {
          feedId: text(r.feed_id),
          fhirId: text(r.fhir_id),
          entry: r.entry as DirectoryEntry,
          inFeed: r.in_feed === true,
        },
      ]),
    );
  }

  async service(fhirId: string): Promise<StoredService | undefined> {
    const [r] = await this.db.query<Row>(
      'SELECT feed_id, fhir_id, entry, in_feed FROM directory_services WHERE fhir_id = $1',
      [fhirId],
    );
    return r === undefined
      ? undefined
      : {
          feedId: text(r.feed_id),
          fhirId: text(r.fhir_id),
          entry: r.entry as DirectoryEntry,
          inFeed: r.in_feed === true,
        };
  }

  /** After FHIR took a batch: its hashes, and the search copy of its services, in one transaction. */
  async saveWritten(
    feedName: string,
    written: readonly WrittenResource[],
    services: readonly { fhirId: string; entry: DirectoryEntry; inFeed: boolean }[],
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const w of written) {
        const [type, id] = w.key.split('/') as [string, string];
        await tx.query(
          `INSERT INTO directory_resources (resource_type, fhir_id, content_hash, written_at) VALUES ($1, $2, $3, now())
           ON CONFLICT (resource_type, fhir_id) DO UPDATE SET content_hash = EXCLUDED.content_hash, written_at = now()`,
          [type, id, w.hash],
        );
      }
      for (const s of services) await upsertService(tx, feedName, s);
    });
  }
}

async function upsertService(
  tx: Queryable,
  feedName: string,
  s: { fhirId: string; entry: DirectoryEntry; inFeed: boolean },
): Promise<void> {
  const e = s.entry;
  const placed = e.locations.find((l) => l.latitude !== undefined && l.longitude !== undefined);
  await tx.query(
    `INSERT INTO directory_services (feed_name, feed_id, fhir_id, name, entry, search_text, terms, open_days,
       latitude, longitude, min_age, max_age, feed_status, in_feed, open_slots, updated_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7::text[], $8::text[], $9, $10, $11, $12, $13, $14, $15::text[], now())
     ON CONFLICT (feed_name, feed_id) DO UPDATE SET fhir_id = EXCLUDED.fhir_id, name = EXCLUDED.name,
       entry = EXCLUDED.entry, search_text = EXCLUDED.search_text, terms = EXCLUDED.terms,
       open_days = EXCLUDED.open_days, latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude,
       min_age = EXCLUDED.min_age, max_age = EXCLUDED.max_age, feed_status = EXCLUDED.feed_status,
       in_feed = EXCLUDED.in_feed, open_slots = EXCLUDED.open_slots, updated_at = now()`,
    [
      feedName,
      e.feedId,
      s.fhirId,
      e.name,
      JSON.stringify(e),
      searchText(e),
      e.terms.map((t) => t.code),
      [...new Set(e.schedules.flatMap((sc) => sc.days))],
      placed?.latitude ?? null,
      placed?.longitude ?? null,
      e.minimumAge === undefined ? null : Math.floor(e.minimumAge),
      e.maximumAge === undefined ? null : Math.ceil(e.maximumAge),
      e.status,
      s.inFeed,
      e.schedules
        .filter((sc) => !sc.monthly)
        .flatMap((sc) => sc.days.map((d) => `${d}|${sc.opens ?? '00:00'}|${sc.closes ?? '24:00'}`)),
    ],
  );
}
