import type { Bundle } from 'fhir/r4';
import { uniqueId } from '../support/fhir-http';
import { proxied } from '../ehr/support/ehr-env';
import {
  attackerToken,
  hapiCount,
  hapiPut,
  observation,
  seedPatients,
  TEST_SYSTEM,
  type Victims,
} from './support/attack';

// Search modifiers: with patient/ scopes only known parameters and modifiers pass, and the patient
// parameter is always added, so no search answers about anyone else (not even as a count).
let victims: Victims;
let token: string;
let wide: string;
const theirCode = uniqueId('their-code');
const service = uniqueId('org');

beforeAll(async () => {
  victims = await seedPatients();
  await hapiPut(observation(uniqueId('obs-mine'), victims.me, victims.code));
  for (const n of [1, 2, 3]) {
    await hapiPut(observation(uniqueId(`obs-theirs-${n}`), victims.other, victims.code));
  }
  await hapiPut(observation(uniqueId('obs-theirs-only'), victims.other, theirCode));
  await hapiPut({ resourceType: 'Organization', id: service, name: 'Test service' });
  await hapiPut({
    resourceType: 'ServiceRequest',
    id: uniqueId('sr-theirs'),
    status: 'active',
    intent: 'order',
    subject: { reference: `Patient/${victims.other}` },
    performer: [{ reference: `Organization/${service}` }],
  });
  token = await attackerToken(victims.me);
  wide = await attackerToken(victims.me, 'patient/*.rs');
});

const code = (value: string): string => `${TEST_SYSTEM}|${value}`;

describe('search modifiers', () => {
  it('HAPI answers these searches about everyone (the ground truth)', async () => {
    expect(await hapiCount(`Observation?code=${code(victims.code)}`)).toBe(4);
    expect(await hapiCount(`Observation?code=${code(theirCode)}`)).toBe(1);
  });

  const refused = (me: () => string): string[] => [
    `Observation?patient:missing=${me()}&_summary=count`,
    `Observation?subject:missing=false&_summary=count`,
    `Observation?_id:not=${me()}&_summary=count`,
    `Observation?code:not=${code('x')}&_summary=count`,
    `Observation?code:below=${code('x')}&_summary=count`,
    `Observation?code:in=http://x/ValueSet/y`,
    `Observation?performer:above=Patient/${me()}`,
    `Observation?subject.birthdate=1961-07-14&_summary=count`,
    `Observation?subject:Patient.birthdate=lt1970`,
    `Observation?_has:Observation:subject:code=${code(theirCode)}`,
    `Patient?_has:Observation:patient:code=${code(theirCode)}&_summary=count`,
    `Observation?_filter=code eq x`,
    `Observation?_content=test`,
    `Observation?_list=x`,
    `Observation?unknown-param=x`,
    `Observation?patient=${me()},other-patient`,
    `Observation?subject=Group/${me()}`,
    `Patient?_id:not=${me()}&_summary=count`,
    `Patient?_id=${me()},other`,
    // Encoded or odd spellings of the same: decoded once, then checked.
    `Observation?patient%3Amissing=${me()}&_summary=count`,
    `Observation?_id%3Anot=${me()}&_summary=count`,
    `Observation?%5Fhas%3AObservation%3Asubject%3Acode=x`,
    `Observation?PATIENT=${me()}`,
    `Observation?patient=${me()}&patient:missing=true`,
  ];

  it('refuses unknown or unchecked parameters and modifiers, revealing no count', async () => {
    for (const search of refused(() => victims.me)) {
      const response = await proxied(search, wide);
      expect([search, response.status]).toEqual([search, 403]);
      expect(JSON.stringify(response.body)).not.toMatch(/"total"/);
    }
  });

  it('refuses them in a batch too', async () => {
    const batch: Bundle = {
      resourceType: 'Bundle',
      type: 'batch',
      entry: refused(() => victims.me).map((url) => ({ request: { method: 'GET', url } })),
    };
    const response = await proxied('', wide, { method: 'POST', body: batch });
    expect(response.status).toBe(403);
    expect(JSON.stringify(response.body)).not.toMatch(/"total"|\d+ resource/);
  });

  it('always adds the patient: counts cover the launch patient only', async () => {
    const count = await proxied<Bundle>(
      `Observation?code=${code(victims.code)}&_summary=count`,
      token,
    );
    expect(count.body.total).toBe(1);
    const theirsOnly = await proxied<Bundle>(
      `Observation?code=${code(theirCode)}&_summary=count&_total=accurate`,
      token,
    );
    expect(theirsOnly.body.total).toBe(0);
    const everyone = await proxied<Bundle>('Patient?_summary=count', wide);
    expect(everyone.body.total).toBe(1);
    // Bisecting the other patient's birth date (1961) finds nobody: only the launch patient is searched.
    const bisect = await proxied<Bundle>('Patient?birthdate=lt1970-01-01&_summary=count', wide);
    expect([bisect.status, bisect.body.total]).toEqual([200, 0]);
    expect(await hapiCount('Patient?birthdate=lt1970-01-01')).toBeGreaterThan(0);
  });

  it('refuses user/ searches whose _has or chain reaches patient records', async () => {
    const reverse = `Organization?_id=${service}&_has:ServiceRequest:performer:patient=${victims.other}`;
    expect(await hapiCount(reverse)).toBe(1);
    for (const search of [
      `${reverse}&_summary=count`,
      `Organization?_id=${service}&_has:ServiceRequest:performer:subject.birthdate=lt1970`,
      `Organization?_has:Observation:performer:code=${code(theirCode)}`,
    ]) {
      const response = await proxied(search, token);
      expect([search, response.status]).toEqual([search, 403]);
      expect(JSON.stringify(response.body)).not.toMatch(/"total"/);
    }
  });

  it('keeps the GP app\u2019s searches working, live-update counts included', async () => {
    const me = victims.me;
    const since = encodeURIComponent('gt2000-01-01T00:00:00Z');
    for (const search of [
      `ServiceRequest?patient=${me}&_count=200`,
      `Task?patient=${me}&code=${encodeURIComponent(code('fulfill'))}&_count=200`,
      `Observation?patient=${me}&category=${encodeURIComponent(code('survey'))}&_count=500`,
      `Goal?patient=${me}&_count=200`,
      `DocumentReference?patient=${me}&category=${encodeURIComponent(code('summary'))}`,
      `Consent?patient=${me}`,
      `Observation?patient=${me}&_lastUpdated=${since}&_summary=count`,
      `Observation?subject=Patient/${me}&_sort=-_lastUpdated&_count=1`,
      `Organization?active=true&_count=200`,
      `Observation?_elements=status&_count=5`,
      `OrganizationAffiliation?participating-organization._has:PractitionerRole:organization:practitioner=x&active=true&_count=50`,
    ]) {
      const response = await proxied<Bundle>(search, token);
      expect([search, response.status]).toEqual([search, 200]);
    }
    const counted = await proxied<Bundle>(
      `Observation?patient=${me}&_lastUpdated=${since}&_summary=count`,
      token,
    );
    expect(counted.body.total).toBe(
      await hapiCount(`Observation?patient=${me}&_lastUpdated=${since}`),
    );
  });
});
