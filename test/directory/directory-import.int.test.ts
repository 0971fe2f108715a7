import type { RunningAdapter } from '@linkwell/fhir-server-adapter';
import { startOrukFeed, type OrukService, type RunningOrukFeed } from '@linkwell/oruk-feed';
import { startTestAdapter } from '../adapter/support/adapter-env';
import { uniqueId } from '../support/fhir-http';
import { importNow, ownFeed, serviceOnHapi } from './directory-env';

// The ORUK import against the run's real HAPI: created, updated, inactivated and refused counts, a
// re-import that writes nothing, and what HAPI then holds (profiled, keyed by the feed's ids).
const feedName = uniqueId('feed')
  .toLowerCase()
  .replace(/[^a-z0-9-]/g, '');
const system = `https://linkwell.example.org/fhir/sid/oruk/${feedName}/service`;
const worker = { practitioner: 'Practitioner/dir-lw' as const, serviceOrg: 'dir-service' };
let feed: RunningOrukFeed;
let adapter: RunningAdapter;
const valid = ownFeed(24, Date.now() % 100_000);

function broken(): unknown[] {
  const [a, b] = valid.slice(0, 2).map((s) => structuredClone(s));
  return [
    { ...a, id: 'not-a-uuid', status: 'open' },
    { ...b, id: 'f0000000-0000-4000-8000-00000000b0b0', organization: undefined, url: 'ftp://x' },
  ];
}

beforeAll(async () => {
  feed = await startOrukFeed({ port: 0, services: [...valid.slice(2), ...broken()] });
  adapter = await startTestAdapter(
    process.env.LINKWELL_TEST_FHIR_BASE ?? '',
    worker.serviceOrg,
    { ADAPTER_DIRECTORY_FEED_URL: feed.url, ADAPTER_DIRECTORY_FEED_NAME: feedName },
    { authenticate: () => Promise.resolve(worker) },
  );
});
afterAll(async () => {
  await adapter.stop();
  await feed.stop();
});

describe('directory import from an ORUK feed', () => {
  it('creates the valid services and refuses the bad ones with their reasons', async () => {
    const report = await importNow(adapter);
    expect(report).toMatchObject({ state: 'done', created: 22, updated: 0, inactivated: 0 });
    expect(report.refused).toHaveLength(2);
    expect(report.refused[0]?.reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/service\.id: must be a UUID/),
        expect.stringMatching(/service\.status: must be one of/),
      ]),
    );
    expect(report.refused[1]?.reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/service\.organization: is required/),
        expect.stringMatching(/service\.url: must be an http/),
      ]),
    );
    const onHapi = await serviceOnHapi(system, (valid[5] as OrukService).id);
    expect(onHapi).toMatchObject({
      active: true,
      name: valid[5]?.name,
      meta: {
        profile: [
          'https://linkwell.example.org/fhir/StructureDefinition/linkwell-community-service',
        ],
      },
    });
    expect(onHapi?.location?.[0]?.reference).toMatch(/^Location\/oruk-/);
  });

  it('updates what changed, inactivates what left the feed, and leaves the rest alone', async () => {
    const untouched = await serviceOnHapi(system, (valid[10] as OrukService).id);
    const changed = valid
      .slice(2)
      .map((s, i) => (i < 3 ? { ...s, name: `${s.name} (new name)` } : s));
    const kept = changed.slice(0, -4);
    feed.publish([...kept, ...broken()]);
    const report = await importNow(adapter);
    expect(report).toMatchObject({
      state: 'done',
      created: 0,
      updated: 3,
      inactivated: 4,
      unchanged: 15,
    });
    expect(report.refused).toHaveLength(2);
    const gone = await serviceOnHapi(system, (valid[23] as OrukService).id);
    expect(gone?.active).toBe(false);
    expect((await serviceOnHapi(system, (valid[2] as OrukService).id))?.name).toMatch(
      /\(new name\)$/,
    );
    expect((await serviceOnHapi(system, (valid[10] as OrukService).id))?.meta?.versionId).toBe(
      untouched?.meta?.versionId,
    );
  });

  it('writes nothing on a re-import of the same feed', async () => {
    const before = await serviceOnHapi(system, (valid[2] as OrukService).id);
    const report = await importNow(adapter);
    expect(report).toMatchObject({
      state: 'done',
      created: 0,
      updated: 0,
      inactivated: 0,
      unchanged: 18,
      transactions: 0,
      resourcesWritten: 0,
    });
    expect((await serviceOnHapi(system, (valid[2] as OrukService).id))?.meta?.versionId).toBe(
      before?.meta?.versionId,
    );
  });
});
