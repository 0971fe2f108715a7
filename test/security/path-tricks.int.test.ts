import type { Bundle } from 'fhir/r4';
import { fhirRequest, uniqueId } from '../support/fhir-http';
import { proxied } from '../ehr/support/ehr-env';
import {
  attackerToken,
  hapiCount,
  hapiPut,
  observation,
  rawProxy,
  seedPatients,
  type Victims,
} from './support/attack';

// Path normalisation: the proxy parses the URL once and refuses any spelling that Jetty/HAPI could
// read as something else (a type search, type history) than what the policy saw.
let victims: Victims;
let token: string;
const theirs = uniqueId('obs-theirs');
const mine = uniqueId('obs-mine');

beforeAll(async () => {
  victims = await seedPatients();
  await hapiPut(observation(mine, victims.me, victims.code));
  await hapiPut(observation(theirs, victims.other, victims.code));
  token = await attackerToken(victims.me);
});

const TRICKS = [
  'Observation/.?_summary=count',
  'Observation/..?_summary=count',
  'Observation/../_history',
  'Observation/./_history',
  'Observation/%2E%2E/_history',
  'Observation/%2e/_history',
  'Observation%2F..%2F_history',
  'Observation/x%2F..%2F..%2F_history',
  'Observation/x%5C..%5C_history',
  'Observation/x\\..\\_history',
  'Observation//_history',
  'Observation/',
  'Observation;jsessionid=1/..',
  'Observation/x;a=b',
  'Observation/x%00',
  'Observation?code=x%00',
  'Observation?code=%E0%A4%A',
];

describe('path tricks', () => {
  it('HAPI holds the other patient\u2019s observation the tricks are after', async () => {
    expect(await hapiCount(`Observation?code=${victims.code}&patient=${victims.other}`)).toBe(1);
  });

  it.each(TRICKS)('refuses %s with 400 and reveals nothing', async (path) => {
    const response = await rawProxy('GET', path, token);
    expect(response.status).toBe(400);
    expect(response.text).not.toContain(theirs);
    expect(response.text).not.toContain(victims.other);
    expect(response.text).not.toContain('"total"');
    expect(JSON.parse(response.text)).toMatchObject({ resourceType: 'OperationOutcome' });
  });

  it('refuses the same tricks inside a batch, before anything reaches HAPI', async () => {
    for (const url of ['Observation/../_history', 'Observation/%2E%2E', 'Observation//x']) {
      const batch: Bundle = {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [{ request: { method: 'GET', url } }],
      };
      const response = await proxied('', token, { method: 'POST', body: batch });
      expect(response.status).toBe(403);
      expect(JSON.stringify(response.body)).toContain('the request URL was refused');
      expect(JSON.stringify(response.body)).not.toContain(theirs);
    }
  });

  it('refuses a write through a dot segment and writes nothing', async () => {
    const before = await hapiCount(`Observation?code=${victims.code}`);
    const response = await rawProxy('POST', 'Observation/..', token, {
      body: JSON.stringify(observation('x', victims.me, victims.code, { id: undefined })),
    });
    expect(response.status).toBe(400);
    expect(await hapiCount(`Observation?code=${victims.code}`)).toBe(before);
  });

  it('forwards the canonical form: a plain read and a confined search still work', async () => {
    expect((await rawProxy('GET', `Observation/${mine}`, token)).status).toBe(200);
    // `_format` is dropped (the proxy checks JSON only) and the patient is always added.
    const search = await rawProxy('GET', `Observation?code=${victims.code}&_format=xml`, token);
    expect(search.status).toBe(200);
    const bundle = JSON.parse(search.text) as Bundle;
    expect(bundle.total).toBe(1);
    expect(bundle.entry?.map((e) => e.resource?.id)).toEqual([mine]);
    const stored = await fhirRequest<Bundle>('GET', `Observation?code=${victims.code}`);
    expect(stored.body.total).toBe(2);
  });
});
