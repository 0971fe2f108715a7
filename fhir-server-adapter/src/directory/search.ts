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
    const day = query.openNow === true ? local.day : query.day;
    if (day !== undefined) where.push(`${param(day)} = ANY(open_days)`);
    let order = 'name';
    if (query.near !== undefined) {
      const lat = param(query.near.latitude);
      const lon = param(query.near.longitude);
      const k = param(Math.cos((query.near.latitude * Math.PI) / 180));
      order = `latitude IS NULL, (latitude - ${lat}) ^ 2 + ((longitude - ${lon}) * ${k}) ^ 2, name`;
    }
    const limit = Math.min(Math.max(query.limit ?? 20, 1), 100);
    const sql = `SELECT fhir_id, entry, count(*) OVER () AS total FROM directory_services
      WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${query.openNow === true ? 1000 : limit}`;
    const rows = await this.db.query<Row>(sql, params);
    const total = rows.length === 0 ? 0 : Number(rows[0]?.total);
    let picked = rows.map((r) => ({ id: String(r.fhir_id), entry: r.entry as DirectoryEntry }));
    if (query.openNow === true) {
      picked = picked
        .filter((p) => openAt(p.entry.schedules, local.day, local.time))
        .slice(0, limit);
    }
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
    return { total: query.openNow === true ? services.length : total, services };
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
