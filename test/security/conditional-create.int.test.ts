import type { Bundle, ServiceRequest } from 'fhir/r4';
import { fhirRequest, uniqueId } from '../support/fhir-http';
import { proxied } from '../ehr/support/ehr-env';
import { attackerToken, hapiPut, seedPatients, TEST_SYSTEM, type Victims } from './support/attack';

// Conditional create: If-None-Exist (header or transaction ifNoneExist) is a search, confined like
// one. Another patient's match never answers: no Location of theirs, no 412 with their count.
let victims: Victims;
let token: string;
const single = uniqueId('sr-single');
const double = uniqueId('sr-double');
const theirIds: string[] = [];

function referral(patient: string, identifier: string, id?: string): ServiceRequest {
  return {
    resourceType: 'ServiceRequest',
    ...(id === undefined ? {} : { id }),
    status: 'active',
    intent: 'order',
    identifier: [{ system: TEST_SYSTEM, value: identifier }],
    subject: { reference: `Patient/${patient}` },
  };
}

async function stored(identifier: string): Promise<ServiceRequest[]> {
  const found = await fhirRequest<Bundle>(
    'GET',
    `ServiceRequest?identifier=${TEST_SYSTEM}|${identifier}&_count=50`,
  );
  return (found.body.entry ?? []).map((e) => e.resource as ServiceRequest);
}

const subjects = (list: ServiceRequest[]): string[] =>
  list.map((sr) => sr.subject.reference ?? '').sort();

beforeAll(async () => {
  victims = await seedPatients();
  for (const [identifier, n] of [
    [single, 1],
    [double, 2],
  ] as const) {
    for (let i = 0; i < n; i += 1) {
      const id = uniqueId('sr-theirs');
      theirIds.push(id);
      await hapiPut({ ...referral(victims.other, identifier, id), id });
    }
  }
  token = await attackerToken(victims.me);
});

describe('conditional create', () => {
  it('confines If-None-Exist: another patient\u2019s match is neither found nor revealed', async () => {
    const created = await proxied('ServiceRequest', token, {
      method: 'POST',
      body: referral(victims.me, single),
      headers: { 'if-none-exist': `identifier=${TEST_SYSTEM}|${single}` },
    });
    expect(created.status).toBe(201);
    const location = created.headers.get('location') ?? '';
    for (const id of theirIds) expect(location).not.toContain(id);
    // HAPI now holds theirs, untouched, and a new one for the launch patient.
    expect(subjects(await stored(single))).toEqual(
      [`Patient/${victims.me}`, `Patient/${victims.other}`].sort(),
    );
    // Asked again, it finds the launch patient's own: 200 with its Location, nothing added.
    const again = await proxied('ServiceRequest', token, {
      method: 'POST',
      body: referral(victims.me, single),
      headers: { 'if-none-exist': `identifier=${TEST_SYSTEM}|${single}` },
    });
    expect(again.status).toBe(200);
    expect(again.headers.get('location')).toBe(location);
    expect(await stored(single)).toHaveLength(2);
  });

  it('gives no 412 with a count when the other patient has several matches', async () => {
    const response = await proxied('ServiceRequest', token, {
      method: 'POST',
      body: referral(victims.me, double),
      headers: { 'if-none-exist': `identifier=${TEST_SYSTEM}|${double}` },
    });
    expect(response.status).toBe(201);
    expect(JSON.stringify(response.body)).not.toMatch(/matched \d|2 resources/);
    expect(subjects(await stored(double))).toEqual(
      [`Patient/${victims.me}`, `Patient/${victims.other}`, `Patient/${victims.other}`].sort(),
    );
  });

  it('refuses criteria that name another patient or use unchecked parameters', async () => {
    const before = (await stored(single)).length;
    for (const criteria of [
      `identifier=${TEST_SYSTEM}|${single}&patient=${victims.other}`,
      `identifier=${TEST_SYSTEM}|${single}&patient:missing=true`,
      `_has:Observation:subject:code=x`,
      `subject.birthdate=1961-07-14`,
      `identifier=${TEST_SYSTEM}|${single}&_include=ServiceRequest:subject`,
    ]) {
      const response = await proxied('ServiceRequest', token, {
        method: 'POST',
        body: referral(victims.me, single),
        headers: { 'if-none-exist': criteria },
      });
      expect([criteria, response.status]).toEqual([criteria, 403]);
      expect(response.headers.get('location')).toBeNull();
    }
    expect(await stored(single)).toHaveLength(before);
  });

  it('confines transaction ifNoneExist the same way', async () => {
    const identifier = uniqueId('sr-tx');
    const theirs = uniqueId('sr-theirs');
    await hapiPut({ ...referral(victims.other, identifier, theirs), id: theirs });
    const transaction = (criteria: string): Bundle => ({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: 'urn:uuid:6f1c1b1e-0000-4000-8000-000000000001',
          resource: referral(victims.me, identifier),
          request: { method: 'POST', url: 'ServiceRequest', ifNoneExist: criteria },
        },
      ],
    });
    const response = await proxied<Bundle>('', token, {
      method: 'POST',
      body: transaction(`identifier=${TEST_SYSTEM}|${identifier}`),
    });
    expect(response.status).toBe(200);
    const entry = response.body.entry?.[0]?.response;
    expect(entry?.status).toMatch(/^201/);
    expect(entry?.location ?? '').not.toContain(theirs);
    expect(subjects(await stored(identifier))).toEqual(
      [`Patient/${victims.me}`, `Patient/${victims.other}`].sort(),
    );
    const named = await proxied('', token, {
      method: 'POST',
      body: transaction(`identifier=${TEST_SYSTEM}|${identifier}&patient=${victims.other}`),
    });
    expect(named.status).toBe(403);
    expect(await stored(identifier)).toHaveLength(2);
  });

  it('with user/ scopes, criteria need search rights on the type', async () => {
    const createOnly = await attackerToken(victims.me, 'user/ServiceRequest.c');
    const before = (await stored(single)).length;
    const response = await proxied('ServiceRequest', createOnly, {
      method: 'POST',
      body: referral(victims.other, single),
      headers: { 'if-none-exist': `identifier=${TEST_SYSTEM}|${single}` },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('location')).toBeNull();
    expect(await stored(single)).toHaveLength(before);
  });
});
