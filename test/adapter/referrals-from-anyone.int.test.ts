import type { Bundle, Consent, Patient, ServiceRequest, Task } from 'fhir/r4';
import type { RunningAdapter } from '@linkwell/fhir-server-adapter';
import { fhirRequest, uniqueId } from '../support/fhir-http';
import { api, startTestAdapter } from './support/adapter-env';
import { gpReferralTransaction, supportBundle } from './support/referral';
import { researchPermitted, statusHistoryOf } from '@linkwell/profiles';

// Referrals from anyone against the run's real HAPI: a self-referral of a registered person is a
// Consent + Referral + Task the service writes itself, then a case like a GP's; an unregistered
// person's case stays in the store with nothing on the EHR; a GP's referral of the same person,
// later or earlier, is linked to the one case, never a second.
const service = uniqueId('svc');
const gp = uniqueId('gp');
const worker = { practitioner: `Practitioner/${service}-lw` as const, serviceOrg: service };
let adapter: RunningAdapter;

/** A random valid NHS number (modulus 11 check digit). */
function nhsNumber(): string {
  for (;;) {
    const digits = Array.from({ length: 9 }, () => Math.floor(Math.random() * 10));
    const sum = digits.reduce((s, d, i) => s + d * (10 - i), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return `${digits.join('')}${check === 11 ? 0 : check}`;
  }
}

const family = (): string => `Intake${Math.random().toString(36).slice(2, 10)}`;

async function putPatient(id: string, name: string, birthDate: string, nhs?: string) {
  const patient: Patient = {
    resourceType: 'Patient',
    id,
    name: [{ use: 'official', family: name, given: ['Robin'] }],
    birthDate,
    address: [{ postalCode: 'ZZ1 1AA' }],
    ...(nhs === undefined
      ? {}
      : { identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: nhs }] }),
  };
  expect((await fhirRequest('PUT', `Patient/${id}`, patient)).status).toBeLessThan(300);
}

const tasksOf = async (patient: string): Promise<Task[]> =>
  ((await fhirRequest<Bundle>('GET', `Task?patient=Patient/${patient}`)).body.entry ?? []).map(
    (e) => e.resource as Task,
  );

const selfReferral = (who: object, extra: object = {}) => ({
  source: {
    kind: 'self',
    heardFrom: 'A poster at the library',
    reason: 'Feeling lonely since moving',
  },
  needs: ['social-isolation'],
  consent: { shareWithService: true, writeBack: true },
  ...who,
  ...extra,
});

async function gpRefers(patient: string): Promise<void> {
  const bundle = gpReferralTransaction({ patient, gp, service, identifier: uniqueId('ref') });
  expect((await fhirRequest('POST', '', bundle)).status).toBe(200);
  await adapter.inbound.poll();
}

const casesOf = async (patientRef: string) =>
  (await adapter.cases.listCases(service)).filter((c) => c.patientRef === patientRef);

beforeAll(async () => {
  const ids = { patient: uniqueId('pt'), gp, service };
  expect((await fhirRequest('POST', '', supportBundle(ids, `${service}-walk`))).status).toBe(200);
  adapter = await startTestAdapter(
    process.env.LINKWELL_TEST_FHIR_BASE ?? '',
    service,
    {},
    { authenticate: () => Promise.resolve(worker) },
  );
});
afterAll(async () => {
  await adapter.stop();
});

describe('referrals from anyone', () => {
  it('finds a registered person by NHS number, or by name and birth date', async () => {
    const [id, name, nhs] = [uniqueId('pt'), family(), nhsNumber()];
    await putPatient(id, name, '1961-04-12', nhs);
    const byNhs = await api<{ people: { patient: string; name: string; postcode: string }[] }>(
      adapter,
      'GET',
      `/api/people?nhsNumber=${nhs}`,
    );
    expect(byNhs.status).toBe(200);
    expect(byNhs.body.people).toEqual([
      expect.objectContaining({
        patient: `Patient/${id}`,
        name: `Robin ${name}`,
        birthDate: '1961-04-12',
        nhsNumber: nhs,
        postcode: 'ZZ1 1AA',
      }),
    ]);
    const byName = await api<{ people: { patient: string }[] }>(
      adapter,
      'GET',
      `/api/people?family=${name}&birthDate=1961-04-12`,
    );
    expect(byName.body.people.map((p) => p.patient)).toEqual([`Patient/${id}`]);
    const wrongDay = await api<{ people: unknown[] }>(
      adapter,
      'GET',
      `/api/people?family=${name}&birthDate=1961-04-13`,
    );
    expect(wrongDay.body.people).toEqual([]);
  });

  it('self-referral of a registered person: its own Task on the EHR and a case; a later GP referral joins it', async () => {
    const id = uniqueId('pt');
    await putPatient(id, family(), '1958-09-30');
    const opened = await api<{ caseId: string; linked: boolean; local: boolean }>(
      adapter,
      'POST',
      '/api/referrals',
      selfReferral({ patient: `Patient/${id}` }),
    );
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ linked: false, local: false });
    const [own] = await tasksOf(id);
    expect(own).toMatchObject({
      owner: { reference: `Organization/${service}` },
      status: 'requested',
    });
    expect(own?.requester?.reference).toBe(`Organization/${service}`);
    const referral = (await fhirRequest<ServiceRequest>('GET', own?.focus?.reference ?? '')).body;
    expect(referral.note?.[0]?.text).toMatch(/^Self-referral/);
    const consent = (
      await fhirRequest<Consent>('GET', referral.supportingInfo?.[0]?.reference ?? '')
    ).body;
    expect(consent.provision?.action?.map((a) => a.coding?.[0]?.code)).toEqual([
      'disclose',
      'collect',
    ]);
    expect(await adapter.consents.consentOf(opened.body.caseId)).toMatchObject({
      writeBack: true,
      shareWithService: true,
    });
    expect((await casesOf(`Patient/${id}`)).map((c) => c.id)).toEqual([opened.body.caseId]);

    // It works like any other case: accept, and the Task on the EHR follows.
    expect((await api(adapter, 'POST', `/api/cases/${opened.body.caseId}/accept`)).status).toBe(
      200,
    );
    await adapter.outbound.run();
    expect((await fhirRequest<Task>('GET', `Task/${own?.id ?? ''}`)).body.status).toBe('accepted');

    // The GP refers the same person: linked, not a second case; the GP's Task is the case's link now.
    await gpRefers(id);
    const cases = await casesOf(`Patient/${id}`);
    expect(cases.map((c) => c.id)).toEqual([opened.body.caseId]);
    const gpTask = (await tasksOf(id)).find((t) => t.requester?.reference === `Practitioner/${gp}`);
    expect(cases[0]?.taskId).toBe(gpTask?.id);
    const sources = await api<{ sources: { kind: string; taskId?: string }[] }>(
      adapter,
      'GET',
      `/api/cases/${opened.body.caseId}/sources`,
    );
    expect(sources.body.sources.map((s) => s.kind)).toEqual(['self', 'gp']);
    expect(await adapter.outbound.run()).toMatchObject({ held: 0 });
    expect((await fhirRequest<Task>('GET', `Task/${gpTask?.id ?? ''}`)).body.status).toBe(
      'accepted',
    );
    // The service's own Task is closed on the EHR as a duplicate that names the GP's Task, with
    // Provenance, so the record shows one open referral to the service, not two.
    const closed = (await fhirRequest<Task>('GET', `Task/${own?.id ?? ''}`)).body;
    expect(closed.status).toBe('cancelled');
    expect(closed.statusReason?.coding?.[0]?.code).toBe('duplicate-referral');
    expect(closed.statusReason?.text).toContain(`Task/${gpTask?.id ?? ''}`);
    expect(statusHistoryOf(closed).map((step) => step.status)).toEqual([
      'requested',
      'accepted',
      'cancelled',
    ]);
    const provenance = await fhirRequest<Bundle>('GET', `Provenance?target=Task/${own?.id ?? ''}`);
    expect(provenance.body.entry?.length).toBeGreaterThanOrEqual(2);
    // Polling again changes nothing (the service's own Task is known as a source), and a further
    // sync leaves the closed Task as it is.
    await adapter.inbound.poll();
    expect((await casesOf(`Patient/${id}`)).map((c) => c.taskId)).toEqual([gpTask?.id]);
    expect((await adapter.outbound.run()).requests).toBe(0);
    expect((await fhirRequest<Task>('GET', `Task/${own?.id ?? ''}`)).body.meta?.versionId).toBe(
      closed.meta?.versionId,
    );
  });

  it('a self-referral that agrees to research: its own Consent carries the research permit', async () => {
    const id = uniqueId('pt');
    await putPatient(id, family(), '1962-05-14');
    const opened = await api<{ caseId: string }>(
      adapter,
      'POST',
      '/api/referrals',
      selfReferral(
        { patient: `Patient/${id}` },
        { consent: { shareWithService: true, writeBack: false, research: true } },
      ),
    );
    expect(opened.status).toBe(201);
    const [own] = await tasksOf(id);
    const referral = (await fhirRequest<ServiceRequest>('GET', own?.focus?.reference ?? '')).body;
    const consent = (
      await fhirRequest<Consent>('GET', referral.supportingInfo?.[0]?.reference ?? '')
    ).body;
    expect(researchPermitted(consent)).toBe(true);
    expect(await adapter.consents.consentOf(opened.body.caseId)).toMatchObject({
      research: true,
      writeBack: false,
    });
    const local = await api<{ caseId: string }>(
      adapter,
      'POST',
      '/api/referrals',
      selfReferral(
        {
          person: {
            given: 'Ada',
            family: family(),
            birthDate: '1971-03-04',
            postcode: 'ZZ1 3CC',
          },
        },
        { consent: { shareWithService: true, writeBack: false, research: true } },
      ),
    );
    expect(local.status).toBe(201);
    expect(await adapter.consents.consentOf(local.body.caseId)).toMatchObject({ research: true });
    const refused = await api<{ error: { field: string } }>(
      adapter,
      'POST',
      '/api/referrals',
      selfReferral(
        { patient: `Patient/${id}` },
        { consent: { shareWithService: true, writeBack: false, research: 'yes' } },
      ),
    );
    expect(refused).toMatchObject({ status: 400, body: { error: { field: 'consent.research' } } });
  });

  it('an unregistered person: a case in the store only, nothing on the EHR, until the GP refers them', async () => {
    const name = family();
    const nhs = nhsNumber();
    const before = (await adapter.cases.listCases(service)).length;
    const opened = await api<{ caseId: string; linked: boolean; local: boolean }>(
      adapter,
      'POST',
      '/api/referrals',
      {
        ...selfReferral({
          person: {
            given: 'Robin',
            family: name,
            birthDate: '1970-01-02',
            nhsNumber: nhs,
            postcode: 'ZZ1 2BB',
            contact: '07700 900123',
          },
        }),
        source: {
          kind: 'housing',
          referrerName: 'Sam Okoro',
          referrerOrganisation: 'Riverside Housing',
          referrerContact: 'sam@example.org',
          reason: 'Rent arrears and isolation',
        },
      },
    );
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ linked: false, local: true });
    expect((await adapter.cases.listCases(service)).length).toBe(before + 1);
    expect((await fhirRequest<Bundle>('GET', `Patient?family=${name}`)).body.total ?? 0).toBe(0);
    expect(
      (
        await fhirRequest<Bundle>(
          'GET',
          `Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|${nhs}`,
        )
      ).body.entry ?? [],
    ).toEqual([]);
    const caseload = await api<{
      cases: { id: string; patientName: string; local: boolean; needs: string[] }[];
    }>(adapter, 'GET', '/api/caseload');
    expect(caseload.body.cases.find((c) => c.id === opened.body.caseId)).toMatchObject({
      patientName: `Robin ${name}`,
      local: true,
      needs: ['Social isolation'],
    });
    // Worked locally: accepted, a goal shared; nothing is queued for an EHR it is not on.
    const path = `/api/cases/${opened.body.caseId}`;
    expect((await api(adapter, 'POST', `${path}/accept`)).status).toBe(200);
    expect(
      (await api(adapter, 'POST', `${path}/goals`, { description: 'Join the walking group' }))
        .status,
    ).toBe(201);
    const run = await adapter.outbound.run();
    expect(run).toMatchObject({ held: 0 });
    const queued = await adapter.db.query('SELECT seq FROM outbox WHERE case_id = $1', [
      opened.body.caseId,
    ]);
    expect(queued).toEqual([]);
    // The same person again (by NHS number): the source joins the case.
    const again = await api<{ caseId: string; linked: boolean }>(
      adapter,
      'POST',
      '/api/referrals',
      selfReferral({
        person: { given: 'robin', family: name.toUpperCase(), birthDate: '1970-01-02' },
      }),
    );
    expect(again.body).toMatchObject({ caseId: opened.body.caseId, linked: true });

    // They register with a GP, who refers them: the GP's Task becomes the case's link.
    const id = uniqueId('pt');
    await putPatient(id, name, '1970-01-02', nhs);
    await gpRefers(id);
    const linked = await adapter.cases.getCase(opened.body.caseId);
    expect(linked?.patientRef).toBe(`Patient/${id}`);
    expect((await casesOf(`Patient/${id}`)).map((c) => c.id)).toEqual([opened.body.caseId]);
    await adapter.outbound.run();
    const [gpTask] = await tasksOf(id);
    expect(gpTask?.status).toBe('accepted');
    const goals = (await fhirRequest<Bundle>('GET', `Goal?patient=Patient/${id}`)).body.entry ?? [];
    expect(goals).toHaveLength(1);
    const sources = await api<{ sources: { kind: string }[]; local: boolean }>(
      adapter,
      'GET',
      `${path}/sources`,
    );
    expect(sources.body).toMatchObject({ local: false });
    expect(sources.body.sources.map((s) => s.kind)).toEqual(['housing', 'self', 'gp']);
  });

  it('a GP referral first, then a self-referral of the same person: one case, both sources', async () => {
    const id = uniqueId('pt');
    await putPatient(id, family(), '1949-12-01');
    await gpRefers(id);
    const [gpCase] = await casesOf(`Patient/${id}`);
    expect(gpCase).toBeDefined();
    const tasksBefore = (await tasksOf(id)).length;
    const opened = await api<{ caseId: string; linked: boolean }>(
      adapter,
      'POST',
      '/api/referrals',
      selfReferral({ patient: `Patient/${id}` }),
    );
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ caseId: gpCase?.id, linked: true });
    expect((await tasksOf(id)).length).toBe(tasksBefore);
    const sources = await api<{ sources: { kind: string }[] }>(
      adapter,
      'GET',
      `/api/cases/${gpCase?.id ?? ''}/sources`,
    );
    expect(sources.body.sources.map((s) => s.kind)).toEqual(['gp', 'self']);
  });

  it('refuses bad input with the field named, and writes nothing', async () => {
    const before = (await adapter.cases.listCases(service)).length;
    const id = uniqueId('pt');
    await putPatient(id, family(), '1980-05-05');
    const cases: [object, number, string, string][] = [
      [
        { ...selfReferral({ patient: `Patient/${id}` }), source: undefined },
        400,
        'bad-request',
        'source',
      ],
      [
        {
          ...selfReferral({ patient: `Patient/${id}` }),
          source: { kind: 'neighbour', reason: 'x' },
        },
        400,
        'bad-request',
        'source.kind',
      ],
      [
        {
          ...selfReferral({ patient: `Patient/${id}` }),
          source: { kind: 'social-care', reason: 'x' },
        },
        400,
        'bad-request',
        'source.referrerName',
      ],
      [{ ...selfReferral({ patient: `Patient/${id}` }), needs: [] }, 400, 'bad-request', 'needs'],
      [
        { ...selfReferral({ patient: `Patient/${id}` }), needs: ['lonely'] },
        400,
        'bad-request',
        'needs[0]',
      ],
      [
        selfReferral({
          patient: `Patient/${id}`,
          person: { given: 'A', family: 'B', birthDate: '1990-01-01' },
        }),
        400,
        'bad-request',
        'patient',
      ],
      [
        selfReferral({ person: { given: 'A', family: 'B', birthDate: '1990-02-30' } }),
        400,
        'bad-request',
        'person.birthDate',
      ],
      [
        selfReferral({
          person: { given: 'A', family: 'B', birthDate: '1990-01-01', nhsNumber: '1234567890' },
        }),
        400,
        'bad-request',
        'person.nhsNumber',
      ],
      [
        selfReferral(
          { patient: `Patient/${id}` },
          { consent: { shareWithService: false, writeBack: true } },
        ),
        422,
        'no-consent',
        'consent.shareWithService',
      ],
      [
        selfReferral({ patient: `Patient/${id}` }, { consent: { shareWithService: true } }),
        400,
        'bad-request',
        'consent.writeBack',
      ],
      [
        selfReferral({ patient: `Patient/${uniqueId('nobody')}` }),
        422,
        'person-not-found',
        'patient',
      ],
    ];
    for (const [body, status, code, field] of cases) {
      const answer = await api<{ error: { code: string; field: string } }>(
        adapter,
        'POST',
        '/api/referrals',
        body,
      );
      expect([answer.status, answer.body.error.code, answer.body.error.field]).toEqual([
        status,
        code,
        field,
      ]);
    }
    expect((await api(adapter, 'GET', '/api/people?family=x')).status).toBe(400);
    expect((await adapter.cases.listCases(service)).length).toBe(before);
    expect(await tasksOf(id)).toEqual([]);
  });
});
