import type { Bundle, OperationOutcome } from 'fhir/r4';
import { fhirRequest, uniqueId } from '../support/fhir-http';
import { proxied } from '../ehr/support/ehr-env';
import { attackerToken, hapiPut, observation, seedPatients, type Victims } from './support/attack';

// Existence oracles: "another patient's" and "does not exist" get the same answer (404, the same
// OperationOutcome), for every interaction; no 304 for what is not ours; no counts in messages.
let victims: Victims;
let token: string;
const theirs = uniqueId('obs-theirs');
const missing = uniqueId('obs-missing');
const deleted = uniqueId('obs-deleted');
const mine = uniqueId('obs-mine');

beforeAll(async () => {
  victims = await seedPatients();
  await hapiPut(observation(theirs, victims.other, victims.code));
  await hapiPut(observation(deleted, victims.me, victims.code));
  await fhirRequest('DELETE', `Observation/${deleted}`);
  await hapiPut(
    observation(mine, victims.me, victims.code, {
      hasMember: [{ reference: `Observation/${theirs}` }],
    }),
  );
  token = await attackerToken(victims.me, 'patient/Observation.cruds patient/Patient.r');
});

type Probe = (id: string) => Promise<{ status: number; body: unknown; headers: Headers }>;

const PROBES: Record<string, Probe> = {
  read: (id) => proxied(`Observation/${id}`, token),
  'read with If-None-Match': (id) =>
    proxied(`Observation/${id}`, token, { headers: { 'if-none-match': 'W/"1"' } }),
  vread: (id) => proxied(`Observation/${id}/_history/1`, token),
  history: (id) => proxied(`Observation/${id}/_history`, token),
  update: (id) =>
    proxied(`Observation/${id}`, token, {
      method: 'PUT',
      body: observation(id, victims.me, victims.code),
    }),
  patch: (id) =>
    proxied(`Observation/${id}`, token, {
      method: 'PATCH',
      body: [{ op: 'replace', path: '/status', value: 'amended' }],
      headers: { 'content-type': 'application/json-patch+json' },
    }),
  delete: (id) => proxied(`Observation/${id}`, token, { method: 'DELETE' }),
  'batch read': (id) =>
    proxied('', token, {
      method: 'POST',
      body: {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [{ request: { method: 'GET', url: `Observation/${id}` } }],
      },
    }),
};

function anonymised(answer: { body: unknown }, id: string): string {
  const text = JSON.stringify(answer.body ?? null)
    .split(id)
    .join('ID');
  // Bundles carry their own id, timestamp and self link: not part of what the answer reveals.
  return text.replace(/"id":"[^"]+"|"lastUpdated":"[^"]+"|"link":\[[^\]]*\]/g, '');
}

describe('existence oracles', () => {
  it('HAPI holds the other patient\u2019s observation, and not the missing one', async () => {
    expect((await fhirRequest('GET', `Observation/${theirs}`)).status).toBe(200);
    expect((await fhirRequest('GET', `Observation/${missing}`)).status).toBe(404);
    expect((await fhirRequest('GET', `Observation/${deleted}`)).status).toBe(410);
  });

  it.each(Object.keys(PROBES))(
    '%s: another patient\u2019s, a missing and a deleted one answer alike',
    async (name) => {
      const probe = PROBES[name] as Probe;
      const [a, b] = [await probe(theirs), await probe(missing)];
      expect(a.status).toBe(b.status);
      expect(a.status).not.toBe(304);
      expect(anonymised(a, theirs)).toBe(anonymised(b, missing));
      // No version tag of theirs (HAPI's W/"n"): the proxy never passes one on for what is not ours.
      expect(a.headers.get('etag') ?? '').not.toMatch(/^W\/"\d+"$/);
      // The launch patient's own deleted resource reads as missing too (its old versions stay theirs).
      if (name !== 'vread') {
        const c = await probe(deleted);
        expect(c.status).toBe(b.status);
        expect(anonymised(c, deleted)).toBe(anonymised(b, missing));
      }
    },
  );

  it('changed nothing in HAPI: the other patient\u2019s observation is as it was', async () => {
    const stored = await fhirRequest<{ meta?: { versionId?: string }; status?: string }>(
      'GET',
      `Observation/${theirs}`,
    );
    expect(stored.status).toBe(200);
    expect(stored.body.meta?.versionId).toBe('1');
    expect(stored.body.status).toBe('final');
  });

  it('answers 304 for the launch patient\u2019s own resource, after checking it', async () => {
    const read = await proxied(`Observation/${mine}`, token);
    const etag = read.headers.get('etag') ?? '';
    expect(etag).toMatch(/^W\/"\d+"$/);
    const again = await proxied(`Observation/${mine}`, token, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
  });

  it('answers Patient reads alike and puts no counts or ids in refusals', async () => {
    const other = await proxied('Patient/' + victims.other, token);
    const none = await proxied('Patient/no-such-patient', token);
    expect([other.status, none.status]).toEqual([404, 404]);
    expect(anonymised(other, victims.other)).toBe(anonymised(none, 'no-such-patient'));
    const included = await proxied<OperationOutcome>(
      `Observation?_id=${mine}&_include=Observation:has-member`,
      token,
    );
    expect(included.status).toBe(403);
    const text = JSON.stringify(included.body);
    expect(text).not.toMatch(/\d/);
    expect(text).not.toContain(theirs);
    const batch = await proxied<Bundle>('', token, {
      method: 'POST',
      body: {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [
          {
            request: {
              method: 'GET',
              url: `Observation?_id=${mine}&_include=Observation:has-member`,
            },
          },
        ],
      },
    });
    expect(batch.status).toBe(403);
    expect(JSON.stringify(batch.body)).not.toContain(theirs);
  });

  it('serves a page only to the token it was issued to: no total from another search', async () => {
    for (const n of [1, 2]) {
      await hapiPut(observation(uniqueId(`obs-theirs-${n}`), victims.other, victims.code));
    }
    const theirSearch = await fhirRequest<Bundle>(
      'GET',
      `Observation?patient=${victims.other}&_count=1&_total=accurate`,
    );
    expect(theirSearch.body.total).toBeGreaterThanOrEqual(2);
    const next = theirSearch.body.link?.find((link) => link.relation === 'next')?.url ?? '';
    const pageId = new URL(next).searchParams.get('_getpages') ?? '';
    expect(pageId).not.toBe('');
    // Past the end the page holds no entries, only the search's total: it must not come back.
    const replayed = await proxied(`?_getpages=${pageId}&_getpagesoffset=50&_count=1`, token);
    expect(replayed.status).toBe(403);
    expect(JSON.stringify(replayed.body)).not.toMatch(/"total"/);
    const own = await proxied<Bundle>(`Observation?_count=1`, token);
    const ownNext = own.body.link?.find((link) => link.relation === 'next')?.url;
    if (ownNext !== undefined) expect((await proxied(ownNext, token)).status).toBe(200);
  });
});
