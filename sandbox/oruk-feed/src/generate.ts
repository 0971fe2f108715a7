import { DEMO_TAXONOMY, DEMO_TERMS, demoPostcodes } from './demo-area';
import type { OrukSchedule, OrukService } from './types';
import { seededRandom } from '@linkwell/service-kit';

/** A UUID-shaped id that is a pure function of the kind and number (stable across runs). */
export function feedId(kind: number, n: number): string {
  const hex = (v: number, len: number): string => v.toString(16).padStart(len, '0').slice(-len);
  return `${hex(kind, 8)}-0000-4000-8000-${hex(n, 12)}`;
}

const PLACES = ['Riverside', 'Millbrook', 'Eastfield', 'Hollins', 'Kingsmead', 'Oakwood'];
const VENUES = [
  'Community Centre',
  'Library',
  'Church Hall',
  'Leisure Centre',
  'Hub',
  'Park Pavilion',
];
const STREETS = [
  'High Street',
  'Mill Lane',
  'Station Road',
  'Park Road',
  'Church Walk',
  'Canal Side',
];
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const SLOTS: readonly [string, string][] = [
  ['09:00', '12:00'],
  ['10:00', '12:00'],
  ['13:00', '15:00'],
  ['14:00', '16:30'],
  ['18:00', '20:00'],
  ['09:00', '17:00'],
];

const KINDS = ['Community Trust', 'Voluntary Action', 'Neighbours', 'Together'];
/** One name per organisation id, whichever of its services mentions it. */
const organizationName = (n: number): string =>
  `${PLACES[n % PLACES.length] ?? ''} ${KINDS[n % KINDS.length] ?? ''} ${n}`;

export interface FeedOptions {
  /** How many services (default 300, the demo; the bench asks for 5,000). */
  readonly count?: number;
  readonly seed?: number;
}

/** The synthetic directory: services, their organisations, venues, contacts, times and terms. */
export function generateFeed(options: FeedOptions = {}): OrukService[] {
  const count = options.count ?? 300;
  const next = seededRandom(options.seed ?? 12);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const postcodes = demoPostcodes();
  const services: OrukService[] = [];
  for (let n = 1; n <= count; n += 1) {
    const id = feedId(1, n);
    const term = pick(DEMO_TERMS);
    const place = pick(PLACES);
    const orgN = 1 + Math.floor(next() * Math.max(1, Math.floor(count / 3)));
    const postcode = pick(postcodes);
    const venue = `${place} ${pick(VENUES)}`;
    const name = `${place} ${pick(term.words)}`;
    const locationId = feedId(3, n);
    const ageBand = next();
    const [opens, closes] = pick(SLOTS);
    const days = DAYS.filter(() => next() < 0.35);
    const schedule: OrukSchedule = {
      id: feedId(5, n),
      service_id: id,
      freq: 'WEEKLY',
      byday: (days.length === 0 ? [pick(DAYS)] : days).join(','),
      opens_at: opens,
      closes_at: closes,
      valid_from: '2026-01-01',
    };
    services.push({
      id,
      name,
      description: `${term.name} in ${place}: ${name.toLowerCase()} run by local volunteers. Drop in or be referred.`,
      url: `https://directory.riverside.example/services/${id}`,
      email: `hello-${n}@directory.riverside.example`,
      status: next() < 0.04 ? 'temporarily closed' : 'active',
      ...(ageBand < 0.2
        ? { minimum_age: 60, eligibility_description: 'Adults aged 60 and over' }
        : ageBand < 0.3
          ? { minimum_age: 16, maximum_age: 25, eligibility_description: 'Young people 16 to 25' }
          : ageBand < 0.4
            ? { minimum_age: 18, eligibility_description: 'Adults 18 and over' }
            : {}),
      assured_date: '2026-10-01',
      organization: {
        id: feedId(2, orgN),
        name: organizationName(orgN),
        description: 'A local voluntary organisation.',
        email: `org-${orgN}@directory.riverside.example`,
      },
      phones: [
        { id: feedId(6, n), number: `0300 555 ${String(1000 + (n % 9000)).padStart(4, '0')}` },
      ],
      contacts: [
        {
          id: feedId(7, n),
          service_id: id,
          name: `${pick(['Sam', 'Priya', 'Tom', 'Grace', 'Yusuf', 'Helen'])} ${pick(['Ward', 'Shah', 'Kelly', 'Osei', 'Price'])}`,
          title: 'Coordinator',
          email: `coordinator-${n}@directory.riverside.example`,
          phones: [
            { id: feedId(8, n), number: `0300 555 ${String(2000 + (n % 8000)).padStart(4, '0')}` },
          ],
        },
      ],
      schedules: [schedule],
      service_at_locations: [
        {
          id: feedId(4, n),
          service_id: id,
          location_id: locationId,
          location: {
            id: locationId,
            location_type: 'physical',
            name: venue,
            latitude: postcode.latitude,
            longitude: postcode.longitude,
            addresses: [
              {
                id: feedId(9, n),
                location_id: locationId,
                address_1: `${1 + (n % 90)} ${pick(STREETS)}`,
                city: place,
                state_province: 'Riversideshire',
                postal_code: postcode.postcode,
                country: 'GB',
                address_type: 'physical',
              },
            ],
          },
        },
      ],
      attributes: [
        {
          id: feedId(10, n),
          link_id: id,
          link_type: 'service',
          link_entity: 'service',
          taxonomy_term_id: `${DEMO_TAXONOMY}:${term.code}`,
          taxonomy_term: {
            id: `${DEMO_TAXONOMY}:${term.code}`,
            code: term.code,
            name: term.name,
            description: term.name,
            taxonomy: DEMO_TAXONOMY,
          },
        },
      ],
    });
  }
  return services;
}
