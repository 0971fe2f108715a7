import { createHash } from 'node:crypto';
import type {
  ContactPoint,
  HealthcareService,
  HealthcareServiceAvailableTime,
  Location,
  Organization,
} from 'fhir/r4';
import { ORUK_IDENTIFIER_BASE, PROFILE_URLS } from '@linkwell/profiles';
import type { DirectoryEntry, EntryLocation, Weekday } from './entry';

// Pure mapping of a checked feed record to the profiled HealthcareService, Organization and
// Locations. Ids are derived from the feed's ids, so a re-import PUTs the same resources.

export type DirectoryResource = HealthcareService | Organization | Location;

/** The identifier systems of one feed (its name keeps two feeds' ids apart). */
export function feedSystems(feedName: string) {
  const base = `${ORUK_IDENTIFIER_BASE}${feedName}`;
  return {
    service: `${base}/service`,
    organization: `${base}/organization`,
    location: `${base}/location`,
  };
}

/** A FHIR id (64 characters at most) that is a pure function of the feed, the kind and the feed id. */
export function directoryId(feedName: string, kind: 's' | 'o' | 'l', feedId: string): string {
  const feed = createHash('sha256').update(feedName).digest('hex').slice(0, 8);
  const safe = /^[A-Za-z0-9\-.]{1,40}$/.test(feedId)
    ? feedId
    : createHash('sha256').update(feedId).digest('hex').slice(0, 40);
  return `oruk-${feed}-${kind}-${safe}`;
}

const DAY_CODES: Record<Weekday, HealthcareServiceAvailableTime['daysOfWeek'] & object> = {
  MO: ['mon'],
  TU: ['tue'],
  WE: ['wed'],
  TH: ['thu'],
  FR: ['fri'],
  SA: ['sat'],
  SU: ['sun'],
};

const phone = (value: string): ContactPoint => ({ system: 'phone', value });
const emailPoint = (value: string): ContactPoint => ({ system: 'email', value });

export function organizationResource(entry: DirectoryEntry, feedName: string): Organization {
  const o = entry.organization;
  return {
    resourceType: 'Organization',
    id: directoryId(feedName, 'o', o.feedId),
    meta: { profile: [PROFILE_URLS.communityOrganization] },
    identifier: [{ system: feedSystems(feedName).organization, value: o.feedId }],
    active: true,
    name: o.name,
    ...(o.email === undefined && o.url === undefined
      ? {}
      : {
          telecom: [
            ...(o.email === undefined ? [] : [emailPoint(o.email)]),
            ...(o.url === undefined ? [] : [{ system: 'url' as const, value: o.url }]),
          ],
        }),
  };
}

export function locationResource(
  location: EntryLocation,
  entry: DirectoryEntry,
  feedName: string,
): Location {
  const a = location.address;
  return {
    resourceType: 'Location',
    id: directoryId(feedName, 'l', location.feedId),
    meta: { profile: [PROFILE_URLS.communityLocation] },
    identifier: [{ system: feedSystems(feedName).location, value: location.feedId }],
    status: 'active',
    name: location.name,
    ...(a === undefined
      ? {}
      : {
          address: {
            ...(a.line === undefined ? {} : { line: [a.line] }),
            ...(a.city === undefined ? {} : { city: a.city }),
            ...(a.district === undefined ? {} : { district: a.district }),
            ...(a.postalCode === undefined ? {} : { postalCode: a.postalCode }),
            ...(a.country === undefined ? {} : { country: a.country }),
          },
        }),
    ...(location.latitude === undefined || location.longitude === undefined
      ? {}
      : { position: { latitude: location.latitude, longitude: location.longitude } }),
    managingOrganization: {
      reference: `Organization/${directoryId(feedName, 'o', entry.organization.feedId)}`,
    },
  };
}

function eligibilityText(entry: DirectoryEntry): string | undefined {
  const ages =
    entry.minimumAge !== undefined && entry.maximumAge !== undefined
      ? `Ages ${entry.minimumAge} to ${entry.maximumAge}`
      : entry.minimumAge !== undefined
        ? `Ages ${entry.minimumAge} and over`
        : entry.maximumAge !== undefined
          ? `Ages up to ${entry.maximumAge}`
          : undefined;
  const parts = [entry.eligibility, ages].filter((p): p is string => p !== undefined);
  return parts.length === 0 ? undefined : parts.join('. ');
}

/** The HealthcareService; `active` false when the feed no longer lists it or says it is gone. */
export function serviceResource(
  entry: DirectoryEntry,
  feedName: string,
  inFeed: boolean,
): HealthcareService {
  const telecom: ContactPoint[] = [
    ...entry.phones.map(phone),
    ...(entry.email === undefined ? [] : [emailPoint(entry.email)]),
    ...(entry.url === undefined ? [] : [{ system: 'url' as const, value: entry.url }]),
  ];
  const eligibility = eligibilityText(entry);
  const times = entry.schedules.filter((s) => !s.monthly && s.days.length > 0);
  return {
    resourceType: 'HealthcareService',
    id: directoryId(feedName, 's', entry.feedId),
    meta: { profile: [PROFILE_URLS.communityService] },
    identifier: [{ system: feedSystems(feedName).service, value: entry.feedId }],
    active: inFeed && (entry.status === 'active' || entry.status === 'temporarily closed'),
    providedBy: {
      reference: `Organization/${directoryId(feedName, 'o', entry.organization.feedId)}`,
      display: entry.organization.name,
    },
    ...(entry.terms.length === 0
      ? {}
      : {
          category: entry.terms.map((t) => ({
            coding: [
              {
                ...(t.taxonomy === undefined
                  ? {}
                  : { system: `${ORUK_IDENTIFIER_BASE}${feedName}/taxonomy/${t.taxonomy}` }),
                code: t.code,
                ...(t.name === undefined ? {} : { display: t.name }),
              },
            ],
            ...(t.name === undefined ? {} : { text: t.name }),
          })),
        }),
    ...(entry.locations.length === 0
      ? {}
      : {
          location: entry.locations.map((l) => ({
            reference: `Location/${directoryId(feedName, 'l', l.feedId)}`,
            display: l.name,
          })),
        }),
    name: entry.name,
    ...(entry.description === undefined ? {} : { comment: entry.description.slice(0, 1000) }),
    ...(telecom.length === 0 ? {} : { telecom }),
    ...(eligibility === undefined ? {} : { eligibility: [{ comment: eligibility }] }),
    ...(times.length === 0
      ? {}
      : {
          availableTime: times.map((s) => ({
            daysOfWeek: s.days.flatMap((d) => DAY_CODES[d]),
            ...(s.opens === undefined ? {} : { availableStartTime: `${s.opens}:00` }),
            ...(s.closes === undefined ? {} : { availableEndTime: `${s.closes}:00` }),
          })),
        }),
    ...(entry.schedules.some((s) => s.monthly || s.description !== undefined)
      ? {
          availabilityExceptions:
            entry.schedules
              .flatMap((s) => (s.description === undefined ? [] : [s.description]))
              .join(' ') || 'Some sessions are monthly: ask the service.',
        }
      : {}),
  };
}

/** Every resource of one entry: its organisation, its venues, then the service. */
export function entryResources(
  entry: DirectoryEntry,
  feedName: string,
  inFeed = true,
): DirectoryResource[] {
  return [
    organizationResource(entry, feedName),
    ...entry.locations.map((l) => locationResource(l, entry, feedName)),
    serviceResource(entry, feedName, inFeed),
  ];
}
