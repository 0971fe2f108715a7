import type { Database, SqlValue } from '../db/database';
import type { CapacityStore } from './capacity';
import { feedCapacity, type Capacity } from './capacity';
import type { DirectoryEntry, Weekday } from './entry';
import { distanceKm, type Point } from './lookups';
import type { OnwardProgressStore, TrackRecord } from './onward-progress';
import { localTime, openAt, openingText } from './opening';

export interface ServiceQuery {
  /** Taxonomy term codes (a need, already mapped). */
  readonly terms?: readonly string[];
  readonly text?: string;
  readonly near?: Point;
  readonly openNow?: boolean;
  readonly day?: Weekday;
  readonly age?: number;
  readonly limit?: number;
}

/** One search result: what, where, when, who to contact, capacity and track record. */
export interface ServiceResult {
  readonly id: string;
  readonly name: string;
  readonly offers: string | undefined;
  readonly organization: string;
  readonly categories: readonly string[];
  readonly where: readonly {
    name: string;
    address: string | undefined;
    distanceKm: number | undefined;
  }[];
  readonly distanceKm: number | undefined;
  readonly opening: readonly string[];
  readonly openNow: boolean;
  readonly eligibility: string | undefined;
  readonly ages: { readonly min: number | undefined; readonly max: number | undefined };
  readonly contacts: readonly {
    name?: string;
    title?: string;
    email?: string;
    phones: readonly string[];
  }[];
  readonly phones: readonly string[];
  readonly email: string | undefined;
  readonly url: string | undefined;
  readonly capacity: Capacity;
  readonly trackRecord: TrackRecord | undefined;
}

type Row = Record<string, unknown>;

/** Search over the adapter's copy of the directory (SQL filters, then opening hours and distance). */
export class DirectorySearch {
  constructor(
    private readonly db: Database,
    private readonly capacity: CapacityStore,
    private readonly progress: OnwardProgressStore,
    private readonly timeZone: string,
  ) {}

  async search(
    query: ServiceQuery,
    now = new Date(),
  ): Promise<{ total: number; services: ServiceResult[] }> {
    const where = ['in_feed', "feed_status IN ('active', 'temporarily closed')"];
    const params: SqlValue[] = [];
    const param = (v: SqlValue): string => {
      params.push(v);
      return `$${params.length}`;
    };
    if (query.terms !== undefined) where.push(`terms && ${param([...query.terms])}::text[]`);
    for (const word of (query.text ?? '')
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w.length > 0)
      .slice(0, 6)) {
      where.push(`search_text LIKE ${param(`%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
    }
    if (query.age !== undefined) {
      const age = param(query.age);
      where.push(
        `(min_age IS NULL OR min_age <= ${age}) AND (max_age IS NULL OR max_age >= ${age})`,
      );
    }
    const local = localTime(now, this.timeZone);
    if (query.openNow === true) {
      const day = param(local.day);
      const time = param(local.time);
      where.push(`EXISTS (SELECT 1 FROM unnest(open_slots) AS slot WHERE split_part(slot, '|', 1) = ${day}
        AND split_part(slot, '|', 2) <= ${time} AND split_part(slot, '|', 3) > ${time})`);
    } else if (query.day !== undefined) {
      where.push(`${param(query.day)} = ANY(open_days)`);
    }
    let order = 'name';
    if (query.near !== undefined) {
      const lat = param(query.near.latitude);
      const lon = param(query.near.longitude);
      const k = param(Math.cos((query.near.latitude * Math.PI) / 180));
      order = `latitude IS NULL, (latitude - ${lat}) ^ 2 + ((longitude - ${lon}) * ${k}) ^ 2, name`;
    }
    const limit = Math.min(Math.max(query.limit ?? 20, 1), 100);
    // Ids first (the window count and the sort never touch the stored entries), then their entries.
    const rows = await this.db.query<Row>(
      `SELECT fhir_id, count(*) OVER () AS total FROM directory_services
       WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${limit}`,
      params,
    );
    const total = rows.length === 0 ? 0 : Number(rows[0]?.total);
    const ordered = rows.map((r) => String(r.fhir_id));
    const entries = new Map(
      (
        await this.db.query<Row>(
          'SELECT fhir_id, entry FROM directory_services WHERE fhir_id = ANY($1::text[])',
          [ordered],
        )
      ).map((r) => [String(r.fhir_id), r.entry as DirectoryEntry]),
    );
    const picked = ordered.flatMap((id) => {
      const entry = entries.get(id);
      return entry === undefined ? [] : [{ id, entry }];
    });
    const ids = picked.map((p) => p.id);
    const [confirmed, records] = await Promise.all([
      this.capacity.confirmed(ids),
      this.progress.trackRecords(ids.map((id) => `HealthcareService/${id}`)),
    ]);
    const services = picked.map(({ id, entry }) =>
      result(
        id,
        entry,
        query.near,
        confirmed.get(id),
        records.get(`HealthcareService/${id}`),
        local,
      ),
    );
    return { total, services };
  }
}

export function result(
  id: string,
  e: DirectoryEntry,
  near: Point | undefined,
  confirmed: Capacity | undefined,
  trackRecord: TrackRecord | undefined,
  local: { day: Weekday; time: string },
): ServiceResult {
  const where = e.locations.map((l) => ({
    name: l.name,
    address:
      l.address === undefined
        ? undefined
        : [l.address.line, l.address.city, l.address.postalCode].filter(Boolean).join(', '),
    distanceKm:
      near === undefined || l.latitude === undefined || l.longitude === undefined
        ? undefined
        : Math.round(distanceKm(near, { latitude: l.latitude, longitude: l.longitude }) * 10) / 10,
  }));
  const distances = where.flatMap((w) => (w.distanceKm === undefined ? [] : [w.distanceKm]));
  return {
    id,
    name: e.name,
    offers: e.description,
    organization: e.organization.name,
    categories: e.terms.map((t) => t.name ?? t.code),
    where,
    distanceKm: distances.length === 0 ? undefined : Math.min(...distances),
    opening: openingText(e.schedules),
    openNow: openAt(e.schedules, local.day, local.time),
    eligibility: e.eligibility,
    ages: { min: e.minimumAge, max: e.maximumAge },
    contacts: e.contacts.map((c) => ({
      ...(c.name === undefined ? {} : { name: c.name }),
      ...(c.title === undefined ? {} : { title: c.title }),
      ...(c.email === undefined ? {} : { email: c.email }),
      phones: c.phones,
    })),
    phones: e.phones,
    email: e.email,
    url: e.url,
    capacity: confirmed ?? feedCapacity(e.status, e.assuredDate),
    trackRecord,
  };
}
