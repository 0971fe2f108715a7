import {
  WEEKDAYS,
  type DirectoryEntry,
  type EntryContact,
  type EntryLocation,
  type EntrySchedule,
  type EntryTerm,
  type FeedStatus,
  type Weekday,
} from './entry';

// Checks one `/services` record against the HSDS 3 schema rules the directory relies on (and the
// Open Referral UK profile's extra required `url`), naming each broken rule by its JSON path.

type Json = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// HSDS times are HH:MM, optionally with seconds and a UTC offset or Z.
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?(Z|[+-]\d{2}:?\d{2})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const STATUSES: readonly FeedStatus[] = ['active', 'inactive', 'defunct', 'temporarily closed'];
/** Longest text kept from a feed field (descriptions are free text; a runaway one is cut). */
const MAX_TEXT = 4000;

export type RecordCheck =
  | { readonly ok: true; readonly entry: DirectoryEntry }
  | { readonly ok: false; readonly id: string | undefined; readonly reasons: readonly string[] };

class Reasons {
  readonly list: string[] = [];
  add(path: string, rule: string): void {
    this.list.push(`${path}: ${rule}`);
  }
}

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function text(
  o: Json,
  key: string,
  path: string,
  why: Reasons,
  required = false,
): string | undefined {
  const v = o[key];
  if (v === undefined || v === null || v === '') {
    if (required) why.add(`${path}.${key}`, 'is required');
    return undefined;
  }
  if (typeof v !== 'string') {
    why.add(`${path}.${key}`, 'must be a string');
    return undefined;
  }
  const trimmed = v.trim();
  if (required && trimmed === '') why.add(`${path}.${key}`, 'must not be blank');
  return trimmed === '' ? undefined : trimmed.slice(0, MAX_TEXT);
}

function id(o: Json, path: string, why: Reasons): string {
  const v = text(o, 'id', path, why, true);
  if (v !== undefined && !UUID.test(v)) why.add(`${path}.id`, 'must be a UUID (HSDS format uuid)');
  return v ?? '';
}

function list(o: Json, key: string, path: string, why: Reasons): Json[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    why.add(`${path}.${key}`, 'must be an array');
    return [];
  }
  return v.flatMap((item, i) => {
    if (isObject(item)) return [item];
    why.add(`${path}.${key}[${i}]`, 'must be an object');
    return [];
  });
}

function number(
  o: Json,
  key: string,
  path: string,
  why: Reasons,
  min: number,
  max: number,
): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    why.add(`${path}.${key}`, `must be a number from ${min} to ${max}`);
    return undefined;
  }
  return v;
}

function email(o: Json, path: string, why: Reasons): string | undefined {
  const v = text(o, 'email', path, why);
  if (v !== undefined && !EMAIL.test(v)) why.add(`${path}.email`, 'must be an email address');
  return v;
}

function url(o: Json, path: string, why: Reasons, required: boolean): string | undefined {
  const v = text(o, 'url', path, why, required);
  if (v !== undefined && !/^https?:\/\/\S+$/.test(v))
    why.add(`${path}.url`, 'must be an http(s) URI');
  return v;
}

const phones = (o: Json, path: string, why: Reasons): string[] =>
  list(o, 'phones', path, why).flatMap((p, i) => {
    const n = text(p, 'number', `${path}.phones[${i}]`, why, true);
    return n === undefined ? [] : [n];
  });

function location(sal: Json, path: string, why: Reasons): EntryLocation | undefined {
  const loc = sal.location;
  if (!isObject(loc)) {
    why.add(`${path}.location`, 'is required (the venue of this service_at_location)');
    return undefined;
  }
  const at = `${path}.location`;
  const latitude = number(loc, 'latitude', at, why, -90, 90);
  const longitude = number(loc, 'longitude', at, why, -180, 180);
  if ((latitude === undefined) !== (longitude === undefined)) {
    why.add(at, 'latitude and longitude come together');
  }
  const address = list(loc, 'addresses', at, why)[0];
  const a = `${at}.addresses[0]`;
  return {
    feedId: id(loc, at, why),
    name: text(loc, 'name', at, why) ?? 'Venue',
    latitude,
    longitude,
    address:
      address === undefined
        ? undefined
        : {
            line: text(address, 'address_1', a, why, true),
            city: text(address, 'city', a, why, true),
            district: text(address, 'state_province', a, why),
            postalCode: text(address, 'postal_code', a, why, true)?.toUpperCase(),
            country: text(address, 'country', a, why),
          },
  };
}

function schedule(s: Json, path: string, why: Reasons): EntrySchedule {
  const freq = text(s, 'freq', path, why);
  if (freq !== undefined && freq !== 'WEEKLY' && freq !== 'MONTHLY') {
    why.add(`${path}.freq`, 'must be WEEKLY or MONTHLY');
  }
  const days = (text(s, 'byday', path, why) ?? '')
    .split(',')
    .map((d) => d.trim().replace(/^-?\d+/, ''))
    .filter((d) => d !== '');
  const bad = days.filter((d) => !(WEEKDAYS as readonly string[]).includes(d));
  if (bad.length > 0) why.add(`${path}.byday`, `has days that are not MO..SU (${bad.join(', ')})`);
  const opens = text(s, 'opens_at', path, why);
  const closes = text(s, 'closes_at', path, why);
  for (const [key, v] of [
    ['opens_at', opens],
    ['closes_at', closes],
  ] as const) {
    if (v !== undefined && !TIME.test(v)) why.add(`${path}.${key}`, 'must be a time, HH:MM');
  }
  return {
    days: days.filter((d): d is Weekday => (WEEKDAYS as readonly string[]).includes(d)),
    opens: opens?.slice(0, 5),
    closes: closes?.slice(0, 5),
    monthly: freq === 'MONTHLY',
    description: text(s, 'description', path, why),
  };
}

function term(attribute: Json, path: string, why: Reasons): EntryTerm | undefined {
  const t = attribute.taxonomy_term;
  if (!isObject(t)) {
    why.add(`${path}.taxonomy_term`, 'is required (the attribute classifies the service)');
    return undefined;
  }
  const code =
    text(t, 'code', `${path}.taxonomy_term`, why) ?? text(t, 'id', `${path}.taxonomy_term`, why);
  if (code === undefined) {
    why.add(`${path}.taxonomy_term`, 'needs a code or an id');
    return undefined;
  }
  return {
    code,
    name: text(t, 'name', `${path}.taxonomy_term`, why),
    taxonomy: text(t, 'taxonomy', `${path}.taxonomy_term`, why),
  };
}

function contact(c: Json, path: string, why: Reasons): EntryContact {
  return {
    name: text(c, 'name', path, why),
    title: text(c, 'title', path, why),
    email: email(c, path, why),
    phones: phones(c, path, why),
  };
}

/** One feed record checked: the entry, or every reason it was refused. */
export function checkRecord(record: unknown): RecordCheck {
  const why = new Reasons();
  if (!isObject(record))
    return { ok: false, id: undefined, reasons: ['service: must be an object'] };
  const p = 'service';
  const feedId = id(record, p, why);
  const name = text(record, 'name', p, why, true);
  const status = text(record, 'status', p, why, true);
  if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
    why.add(`${p}.status`, `must be one of ${STATUSES.join(', ')}`);
  }
  const minimumAge = number(record, 'minimum_age', p, why, 0, 130);
  const maximumAge = number(record, 'maximum_age', p, why, 0, 130);
  if (minimumAge !== undefined && maximumAge !== undefined && minimumAge > maximumAge) {
    why.add(`${p}.minimum_age`, 'must not be above maximum_age');
  }
  const assured = text(record, 'assured_date', p, why);
  if (assured !== undefined && !DATE.test(assured))
    why.add(`${p}.assured_date`, 'must be a date, YYYY-MM-DD');
  const org = record.organization;
  if (!isObject(org)) why.add(`${p}.organization`, 'is required (who provides the service)');
  const o = isObject(org) ? org : {};
  const entry: DirectoryEntry = {
    feedId,
    name: name ?? '',
    description: text(record, 'description', p, why),
    url: url(record, p, why, true),
    email: email(record, p, why),
    status: (status ?? 'active') as FeedStatus,
    eligibility: text(record, 'eligibility_description', p, why),
    minimumAge,
    maximumAge,
    assuredDate: assured,
    organization: {
      feedId: isObject(org) ? id(o, `${p}.organization`, why) : '',
      name: (isObject(org) ? text(o, 'name', `${p}.organization`, why, true) : undefined) ?? '',
      description: text(o, 'description', `${p}.organization`, why),
      email: email(o, `${p}.organization`, why),
      url: url(o, `${p}.organization`, why, false),
    },
    phones: phones(record, p, why),
    contacts: list(record, 'contacts', p, why).map((c, i) =>
      contact(c, `${p}.contacts[${i}]`, why),
    ),
    schedules: list(record, 'schedules', p, why).map((s, i) =>
      schedule(s, `${p}.schedules[${i}]`, why),
    ),
    locations: list(record, 'service_at_locations', p, why).flatMap((s, i) => {
      const l = location(s, `${p}.service_at_locations[${i}]`, why);
      return l === undefined ? [] : [l];
    }),
    terms: list(record, 'attributes', p, why).flatMap((a, i) => {
      const t = term(a, `${p}.attributes[${i}]`, why);
      return t === undefined ? [] : [t];
    }),
  };
  return why.list.length === 0
    ? { ok: true, entry }
    : { ok: false, id: feedId === '' ? undefined : feedId, reasons: why.list };
}
