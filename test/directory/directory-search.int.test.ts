import type { RunningAdapter } from '@linkwell/fhir-server-adapter';
import { startOrukFeed, type OrukService, type RunningOrukFeed } from '@linkwell/oruk-feed';
import { api, startTestAdapter } from '../adapter/support/adapter-env';
import { uniqueId } from '../support/fhir-http';
import { importNow, ownFeed } from './directory-env';

// Search over the imported directory (the adapter's copy), against the run's real HAPI: by need,
// free text, distance from a postcode, open now, day and age.
const feedName = uniqueId('srch')
  .toLowerCase()
  .replace(/[^a-z0-9-]/g, '');
const worker = { practitioner: 'Practitioner/srch-lw' as const, serviceOrg: 'srch-service' };
let feed: RunningOrukFeed;
let adapter: RunningAdapter;

interface Result {
  id: string;
  name: string;
  categories: string[];
  distanceKm?: number;
  openNow: boolean;
  ages: { min?: number; max?: number };
  capacity: { state: string };
}
type Found = { total: number; services: Result[] };

const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const londonDay = (): string => {
  const short = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    weekday: 'short',
  }).format(new Date());
  return short.slice(0, 2).toUpperCase();
};
const services: OrukService[] = ownFeed(120, 7).map((s, i) => {
  if (i === 0) {
    return {
      ...s,
      name: 'Always Open Kettle Club',
      schedules: [
        {
          ...(s.schedules[0] as OrukService['schedules'][0]),
          byday: DAYS.join(','),
          opens_at: '00:00',
          closes_at: '23:59',
        },
      ],
    };
  }
  if (i === 1) {
    const other = DAYS.find((d) => d !== londonDay()) ?? 'MO';
    return {
      ...s,
      name: 'Never Today Kettle Club',
      schedules: [{ ...(s.schedules[0] as OrukService['schedules'][0]), byday: other }],
    };
  }
  return s;
});

beforeAll(async () => {
  feed = await startOrukFeed({ port: 0, services });
  adapter = await startTestAdapter(
    process.env.LINKWELL_TEST_FHIR_BASE ?? '',
    worker.serviceOrg,
    { ADAPTER_DIRECTORY_FEED_URL: feed.url, ADAPTER_DIRECTORY_FEED_NAME: feedName },
    { authenticate: () => Promise.resolve(worker) },
  );
  expect(await importNow(adapter)).toMatchObject({ state: 'done', created: 120 });
});
afterAll(async () => {
  await adapter.stop();
  await feed.stop();
});

const search = (query: string) => api<Found>(adapter, 'GET', `/api/directory/services?${query}`);

describe('directory search', () => {
  it('finds by need through the editable need-to-taxonomy mapping', async () => {
    const found = await search('need=money-debt&limit=100');
    expect(found.status).toBe(200);
    const expected = services.filter((s) =>
      ['debt-advice', 'benefits-advice'].includes(s.attributes[0]?.taxonomy_term.code ?? ''),
    ).length;
    expect(found.body.total).toBe(expected);
    expect(
      found.body.services.every((s) =>
        s.categories.some((c) => /Debt advice|Welfare benefits advice/.test(c)),
      ),
    ).toBe(true);
    expect((await search('need=astrology')).status).toBe(400);
  });

  it('finds by free text, every word', async () => {
    const found = await search('text=kettle%20club');
    expect(found.body.services.map((s) => s.name).sort()).toEqual([
      'Always Open Kettle Club',
      'Never Today Kettle Club',
    ]);
  });

  it('orders by distance from a postcode, nearest first, and refuses one it does not know', async () => {
    const found = await search('near=zz13cc&limit=30');
    const distances = found.body.services.map((s) => s.distanceKm ?? Infinity);
    expect(distances.length).toBe(30);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    expect((await search('near=SW1A%201AA')).status).toBe(400);
  });

  it('keeps only services open now, or on a given day', async () => {
    const now = await search('openNow=true&text=kettle');
    expect(now.body.services.map((s) => s.name)).toEqual(['Always Open Kettle Club']);
    const day = londonDay();
    const onDay = await search(`day=${day}&limit=100`);
    expect(onDay.body.services.length).toBeGreaterThan(0);
    expect((await search('day=XX')).status).toBe(400);
  });

  it('keeps only services whose age range fits', async () => {
    const found = await search('age=30&limit=100');
    expect(
      found.body.services.every((s) => (s.ages.min ?? 0) <= 30 && (s.ages.max ?? 200) >= 30),
    ).toBe(true);
    const young = await search('age=17&limit=100');
    expect(young.body.services.some((s) => s.ages.min === 60)).toBe(false);
  });
});
