import type { Observation } from 'fhir/r4';
import { fhirRequest, uniqueId } from '../support/fhir-http';
import { proxied } from '../ehr/support/ehr-env';
import { attackerToken, hapiPut, observation, seedPatients, type Victims } from './support/attack';

// PATCH: the proxy applies the JSON Patch to the stored resource and checks the result before HAPI
// sees anything; what goes on is the update of exactly that result.
let victims: Victims;
let token: string;
const mine = uniqueId('obs-mine');
const theirs = uniqueId('obs-theirs');
const JSON_PATCH = { 'content-type': 'application/json-patch+json' };

async function hapi(id: string): Promise<Observation> {
  return (await fhirRequest<Observation>('GET', `Observation/${id}`)).body;
}

function patch(id: string, operations: unknown, headers: Record<string, string> = JSON_PATCH) {
  return proxied(`Observation/${id}`, token, { method: 'PATCH', body: operations, headers });
}

beforeAll(async () => {
  victims = await seedPatients();
  await hapiPut(observation(mine, victims.me, victims.code));
  await hapiPut(observation(theirs, victims.other, victims.code));
  token = await attackerToken(victims.me, 'patient/Observation.rus');
});

describe('PATCH', () => {
  it('refuses a patch that moves a resource into another patient\u2019s record, and commits nothing', async () => {
    const before = await hapi(mine);
    for (const operations of [
      [{ op: 'replace', path: '/subject/reference', value: `Patient/${victims.other}` }],
      [{ op: 'replace', path: '/subject', value: { reference: `Patient/${victims.other}` } }],
      [{ op: 'remove', path: '/subject' }],
      [
        { op: 'copy', from: '/subject', path: '/focus' },
        { op: 'replace', path: '/subject/reference', value: `Patient/${victims.other}` },
      ],
      [{ op: 'add', path: '/performer', value: [{ reference: `Patient/${victims.other}` }] }],
    ]) {
      const response = await patch(mine, operations);
      expect(response.status).toBe(403);
    }
    const after = await hapi(mine);
    expect(after.subject?.reference).toBe(`Patient/${victims.me}`);
    expect(after.meta?.versionId).toBe(before.meta?.versionId);
    expect(after.performer).toBeUndefined();
  });

  it('refuses a patch of another patient\u2019s resource as if it did not exist', async () => {
    const operations = [
      { op: 'replace', path: '/subject/reference', value: `Patient/${victims.me}` },
    ];
    const theirsAnswer = await patch(theirs, operations);
    const missingAnswer = await patch('no-such-observation', operations);
    expect(theirsAnswer.status).toBe(404);
    expect(JSON.stringify(theirsAnswer.body).replace(theirs, 'X')).toBe(
      JSON.stringify(missingAnswer.body).replace('no-such-observation', 'X'),
    );
    const stored = await hapi(theirs);
    expect(stored.subject?.reference).toBe(`Patient/${victims.other}`);
    expect(stored.meta?.versionId).toBe('1');
  });

  it('applies a patch that stays in the record, exactly as checked', async () => {
    const before = await hapi(mine);
    const response = await patch(mine, [
      { op: 'replace', path: '/status', value: 'amended' },
      { op: 'add', path: '/note', value: [{ text: 'patched' }] },
    ]);
    expect(response.status).toBe(200);
    const after = await hapi(mine);
    expect(after.status).toBe('amended');
    expect(after.note?.[0]?.text).toBe('patched');
    expect(Number(after.meta?.versionId)).toBe(Number(before.meta?.versionId) + 1);
  });

  it('refuses patches it cannot evaluate, a stale If-Match and a failing test', async () => {
    const before = await hapi(mine);
    const fhirPath = await patch(
      mine,
      { resourceType: 'Parameters', parameter: [] },
      { 'content-type': 'application/fhir+json' },
    );
    expect(fhirPath.status).toBe(415);
    const stale = await patch(mine, [{ op: 'replace', path: '/status', value: 'final' }], {
      ...JSON_PATCH,
      'if-match': 'W/"999"',
    });
    expect(stale.status).toBe(412);
    const failing = await patch(mine, [{ op: 'test', path: '/status', value: 'nonsense' }]);
    expect(failing.status).toBe(422);
    const prototype = await patch(mine, [{ op: 'add', path: '/__proto__/x', value: 1 }]);
    expect(prototype.status).toBe(422);
    expect((await hapi(mine)).meta?.versionId).toBe(before.meta?.versionId);
  });
});
