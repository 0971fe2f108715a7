import type { Bundle, CarePlan } from 'fhir/r4';
import type { RunningAdapter } from '@linkwell/fhir-server-adapter';
import { CARE_PLAN_URLS } from '@linkwell/profiles';
import { fhirRequest, uniqueId } from '../support/fhir-http';
import { api, startTestAdapter } from './support/adapter-env';
import { gpReferralTransaction, supportBundle } from './support/referral';

// Needs as assessed and the personalised care and support plan against the run's real HAPI: the
// plan goes back as a profiled CarePlan only when shared with write-back consent, and keeps up
// with later changes under the same id.
const service = uniqueId('svc');
const gp = uniqueId('gp');
const patients = { consenting: uniqueId('pt'), noWriteBack: uniqueId('pt') };
const worker = { practitioner: `Practitioner/${service}-lw` as const, serviceOrg: service };
let adapter: RunningAdapter;
const caseOf: Record<string, string> = {};

const plansFor = async (patient: string): Promise<CarePlan[]> =>
  ((await fhirRequest<Bundle>('GET', `CarePlan?subject=Patient/${patient}`)).body.entry ?? []).map(
    (e) => e.resource as CarePlan,
  );

beforeAll(async () => {
  for (const [key, patient] of Object.entries(patients)) {
    const ids = { patient, gp, service, identifier: uniqueId('ref') };
    expect((await fhirRequest('POST', '', supportBundle(ids, `${service}-walk`))).status).toBe(200);
    const bundle = gpReferralTransaction({ ...ids, writeBack: key === 'consenting' });
    expect((await fhirRequest('POST', '', bundle)).status).toBe(200);
  }
  adapter = await startTestAdapter(
    process.env.LINKWELL_TEST_FHIR_BASE ?? '',
    service,
    {},
    { authenticate: () => Promise.resolve(worker) },
  );
  await adapter.inbound.poll();
  for (const c of await adapter.cases.listCases(service)) {
    caseOf[(c.patientRef ?? '').replace('Patient/', '')] = c.id;
    expect((await api(adapter, 'POST', `/api/cases/${c.id}/accept`)).status).toBe(200);
  }
});
afterAll(() => adapter.stop());

describe('needs and the care plan', () => {
  it('builds the plan from assessed needs, goals and actions, and shares it as a CarePlan', async () => {
    const caseId = caseOf[patients.consenting] ?? '';
    const path = `/api/cases/${caseId}`;
    expect(
      (await api(adapter, 'POST', `${path}/goals`, { description: 'Back to the choir' })).status,
    ).toBe(201);
    await adapter.outbound.run();
    expect(
      (
        await api(adapter, 'POST', `${path}/assessed-needs`, {
          need: 'money-debt',
          concern: 'Behind on the gas bill',
        })
      ).status,
    ).toBe(201);
    const action = await api<{ id: string }>(adapter, 'POST', `${path}/actions`, {
      description: 'Call the choir leader',
      who: 'Margaret',
      due: '2025-04-01',
    });
    expect(action.status).toBe(201);
    expect(await plansFor(patients.consenting)).toHaveLength(0);
    const shared = await api(adapter, 'PUT', `${path}/care-plan`, {
      whatMatters: 'Seeing people each week',
      share: true,
    });
    expect(shared.status).toBe(200);
    await adapter.outbound.run();
    const [plan] = await plansFor(patients.consenting);
    expect(plan?.meta?.profile).toEqual([CARE_PLAN_URLS.profile]);
    expect(plan).toMatchObject({
      status: 'active',
      intent: 'plan',
      description: 'Seeing people each week',
      extension: [{ valueCodeableConcept: { text: 'Behind on the gas bill' } }],
      activity: [
        { detail: { status: 'scheduled', description: 'Call the choir leader (Margaret)' } },
      ],
    });
    expect(plan?.goal?.[0]?.reference).toMatch(/^Goal\//);

    const done = await api(adapter, 'PUT', `${path}/actions/${action.body.id}`, { status: 'done' });
    expect(done.status).toBe(200);
    await adapter.outbound.run();
    const after = await plansFor(patients.consenting);
    expect(after).toHaveLength(1);
    expect(after[0]?.id).toBe(plan?.id);
    expect(after[0]?.activity?.[0]?.detail?.status).toBe('completed');
    const read = await api<{ needs: unknown[]; actions: unknown[]; goals: unknown[] }>(
      adapter,
      'GET',
      `${path}/care-plan`,
    );
    expect([read.body.needs.length, read.body.actions.length, read.body.goals.length]).toEqual([
      1, 1, 1,
    ]);
  });

  it('keeps the plan in the service without write-back consent, and refuses bad input', async () => {
    const caseId = caseOf[patients.noWriteBack] ?? '';
    const path = `/api/cases/${caseId}`;
    const refused = await api<{ error: { code: string } }>(adapter, 'PUT', `${path}/care-plan`, {
      whatMatters: 'Feel less alone',
      share: true,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('no-consent');
    expect(
      (await api(adapter, 'PUT', `${path}/care-plan`, { whatMatters: 'Feel less alone' })).status,
    ).toBe(200);
    for (const [route, body] of [
      ['assessed-needs', { need: 'unicorns' }],
      ['actions', { description: '' }],
      ['actions', { description: 'Call', due: '2025-02-30' }],
    ] as const) {
      expect((await api(adapter, 'POST', `${path}/${route}`, body)).status).toBe(400);
    }
    expect(
      (await api(adapter, 'PUT', `${path}/actions/not-an-id`, { status: 'done' })).status,
    ).toBe(400);
    await adapter.outbound.run();
    expect(await plansFor(patients.noWriteBack)).toHaveLength(0);
    const read = await api<{ plan: { shared: boolean }; needs: unknown[]; actions: unknown[] }>(
      adapter,
      'GET',
      `${path}/care-plan`,
    );
    expect(read.body).toMatchObject({ plan: { shared: false }, needs: [], actions: [] });
  });
});
