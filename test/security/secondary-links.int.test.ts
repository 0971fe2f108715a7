import type { Bundle, Condition, Consent, FhirResource, ServiceRequest, Task } from 'fhir/r4';
import { fhirRequest, uniqueId } from '../support/fhir-http';
import { ehrBase, proxied } from '../ehr/support/ehr-env';
import {
  attackerToken,
  hapiCount,
  hapiPut,
  observation,
  seedPatients,
  TEST_SYSTEM,
  type Victims,
} from './support/attack';

// Writes through secondary links: the primary patient element (subject, patient, for) of any write
// must be the launch patient, and what a write points at in a patient compartment must be theirs too.
let victims: Victims;
let token: string;
const mine = uniqueId('obs-mine');
const theirReferral = uniqueId('sr-theirs');
const myReferral = uniqueId('sr-mine');
const theirConsent = uniqueId('consent-theirs');

function referral(id: string, patient: string): ServiceRequest & { id: string } {
  return {
    resourceType: 'ServiceRequest',
    id,
    status: 'active',
    intent: 'order',
    subject: { reference: `Patient/${patient}` },
  };
}

function task(focus: string, identifier: string): Task {
  return {
    resourceType: 'Task',
    status: 'requested',
    intent: 'order',
    identifier: [{ system: TEST_SYSTEM, value: identifier }],
    for: { reference: `Patient/${victims.me}` },
    focus: { reference: focus },
  };
}

const post = (resource: FhirResource) =>
  proxied(resource.resourceType, token, { method: 'POST', body: resource });

beforeAll(async () => {
  victims = await seedPatients();
  await hapiPut(observation(mine, victims.me, victims.code));
  await hapiPut(referral(theirReferral, victims.other));
  await hapiPut(referral(myReferral, victims.me));
  await hapiPut<Consent>({
    resourceType: 'Consent',
    id: theirConsent,
    status: 'active',
    scope: { text: 'x' },
    category: [{ text: 'x' }],
    patient: { reference: `Patient/${victims.other}` },
  });
  token = await attackerToken(
    victims.me,
    'patient/Observation.cru patient/Condition.c patient/Task.crs patient/ServiceRequest.crs',
  );
});

describe('writes via secondary links', () => {
  it('refuses a resource about another patient that names the launch patient elsewhere', async () => {
    const condition: Condition = {
      resourceType: 'Condition',
      subject: { reference: `Patient/${victims.other}` },
      asserter: { reference: `Patient/${victims.me}` },
      code: { coding: [{ system: TEST_SYSTEM, code: victims.code }] },
    };
    const attempts: FhirResource[] = [
      observation('x', victims.other, victims.code, {
        id: undefined,
        performer: [{ reference: `Patient/${victims.me}` }],
      }),
      condition,
      // Names the launch patient as subject, but also the other patient elsewhere.
      observation('x', victims.me, victims.code, {
        id: undefined,
        performer: [{ reference: `Patient/${victims.other}` }],
      }),
      // HAPI's own base, or another server's: not relative, so not checkable.
      observation('x', victims.me, victims.code, {
        id: undefined,
        focus: [
          { reference: `${process.env.LINKWELL_TEST_FHIR_BASE ?? ''}/Patient/${victims.other}` },
        ],
      }),
    ];
    for (const attempt of attempts) expect((await post(attempt)).status).toBe(403);
    expect(await hapiCount(`Observation?code=${victims.code}&patient=${victims.other}`)).toBe(0);
    expect(await hapiCount(`Condition?code=${victims.code}`)).toBe(0);
    expect(await hapiCount(`Observation?code=${victims.code}`)).toBe(1);
  });

  it('refuses an update that moves the launch patient\u2019s resource to another patient', async () => {
    const response = await proxied(`Observation/${mine}`, token, {
      method: 'PUT',
      body: observation(mine, victims.other, victims.code),
    });
    expect(response.status).toBe(403);
    const stored = await fhirRequest<{ subject?: { reference?: string } }>(
      'GET',
      `Observation/${mine}`,
    );
    expect(stored.body.subject?.reference).toBe(`Patient/${victims.me}`);
  });

  it('refuses a Task whose focus is another patient\u2019s referral, accepts one on their own', async () => {
    const identifier = uniqueId('task');
    const theirs = await post(task(`ServiceRequest/${theirReferral}`, identifier));
    const missing = await post(task('ServiceRequest/no-such-referral', identifier));
    expect(theirs.status).toBe(403);
    // Missing and not theirs read alike.
    expect(JSON.stringify(theirs.body).replace(theirReferral, 'X')).toBe(
      JSON.stringify(missing.body).replace('no-such-referral', 'X'),
    );
    const proxyBase = await post(
      task(`${ehrBase()}/fhir/ServiceRequest/${theirReferral}`, identifier),
    );
    expect(proxyBase.status).toBe(403);
    expect(await hapiCount(`Task?identifier=${TEST_SYSTEM}|${identifier}`)).toBe(0);
    const own = await post(task(`ServiceRequest/${myReferral}`, identifier));
    expect(own.status).toBe(201);
    expect(await hapiCount(`Task?identifier=${TEST_SYSTEM}|${identifier}`)).toBe(1);
  });

  it('checks the same in a transaction and writes none of it', async () => {
    const identifier = uniqueId('tx');
    const urn = 'urn:uuid:0b7d1f54-0000-4000-8000-00000000000a';
    const transaction = (consent: string): Bundle<FhirResource> => ({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: urn,
          resource: {
            ...referral('placeholder', victims.me),
            id: undefined,
            identifier: [{ system: TEST_SYSTEM, value: identifier }],
            supportingInfo: [{ reference: consent }],
          },
          request: { method: 'POST', url: 'ServiceRequest' },
        },
        {
          resource: task(urn, identifier),
          request: { method: 'POST', url: 'Task' },
        },
      ],
    });
    const refused = await proxied('', token, {
      method: 'POST',
      body: transaction(`Consent/${theirConsent}`),
    });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).toContain('entry[0]');
    const dangling = await proxied('', token, {
      method: 'POST',
      body: { ...transaction('urn:uuid:0b7d1f54-0000-4000-8000-0000000000ff') },
    });
    expect(dangling.status).toBe(403);
    expect(await hapiCount(`ServiceRequest?identifier=${TEST_SYSTEM}|${identifier}`)).toBe(0);
    expect(await hapiCount(`Task?identifier=${TEST_SYSTEM}|${identifier}`)).toBe(0);
  });
});
