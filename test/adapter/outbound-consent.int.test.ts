import type { Bundle, Consent, Goal, ServiceRequest, Task } from 'fhir/r4';
import { consentState, researchPermitted } from '@linkwell/profiles';
import type { RunningAdapter } from '@linkwell/fhir-server-adapter';
import { fhirRequest, uniqueId } from '../support/fhir-http';
import { api, startTestAdapter } from './support/adapter-env';
import { gpReferralTransaction, supportBundle } from './support/referral';

// Write-back follows the patient's consent, checked when sync plans: without it only the Task's
// status goes back; after a withdrawal nothing more does, and the EHR's Consent says withdrawn.
const service = uniqueId('cns');
const gp = uniqueId('gp');
const lw = `Practitioner/${service}-lw` as const;
const NO_WRITE_BACK = 'The patient has not agreed to write-back';
let adapter: RunningAdapter;

async function goalsOf(patient: string): Promise<Goal[]> {
  const found = await fhirRequest<Bundle>('GET', `Goal?subject=Patient/${patient}`);
  return (found.body.entry ?? []).map((e) => e.resource as Goal);
}

async function newCase(patient: string, permits: ('share-referral' | 'write-back-outcomes')[]) {
  await fhirRequest('POST', '', supportBundle({ patient, gp, service }, `${service}-walk`));
  const identifier = uniqueId('ref');
  const bundle = gpReferralTransaction({
    patient,
    gp,
    service,
    identifier,
    writeBack: permits.includes('write-back-outcomes'),
  });
  expect((await fhirRequest('POST', '', bundle)).status).toBe(200);
  await adapter.inbound.poll();
  const found = (await adapter.cases.listCases(service)).find(
    (c) => c.task?.identifier?.[0]?.value === identifier,
  );
  if (found === undefined) throw new Error('the referral did not become a case');
  expect((await api(adapter, 'POST', `/api/cases/${found.id}/accept`)).status).toBe(200);
  return found;
}

/** A goal marked shared straight in the store, as if it had been shared before consent changed. */
const sharedGoal = (caseId: string, description: string) =>
  adapter.cases.addGoal({
    caseId,
    description,
    lifecycleStatus: 'active',
    achievement: undefined,
    targetMeasure: undefined,
    targetDetail: undefined,
    targetDue: undefined,
    startDate: '2025-03-02',
    shared: true,
    linkWorker: lw,
  });

beforeAll(async () => {
  adapter = await startTestAdapter(
    process.env.LINKWELL_TEST_FHIR_BASE ?? '',
    service,
    {},
    {
      authenticate: () => Promise.resolve({ practitioner: lw, serviceOrg: service }),
    },
  );
});
afterAll(() => adapter.stop());

describe('write-back and consent', () => {
  it('without write-back consent sends the Task status only and marks the rest not sent', async () => {
    const patient = uniqueId('pt');
    const record = await newCase(patient, ['share-referral']);
    await sharedGoal(record.id, 'Never to reach the GP record');
    const report = await adapter.outbound.run();
    expect(report).toMatchObject({ held: 1, stalled: false });
    expect(await goalsOf(patient)).toHaveLength(0);
    const task = (await fhirRequest<Task>('GET', `Task/${record.taskId}`)).body;
    expect(task.status).toBe('accepted');
    expect(task.output ?? []).toHaveLength(0);
    const detail = await api<{ syncProblems: { kind: string; message: string }[] }>(
      adapter,
      'GET',
      `/api/cases/${record.id}`,
    );
    expect(detail.body.syncProblems).toEqual([
      expect.objectContaining({ kind: 'goal', message: NO_WRITE_BACK }),
    ]);
  });

  it('after a withdrawal writes nothing more and records the withdrawal on the Consent', async () => {
    const patient = uniqueId('pt');
    const record = await newCase(patient, ['share-referral', 'write-back-outcomes']);
    const first = await api<{ id: string }>(adapter, 'POST', `/api/cases/${record.id}/goals`, {
      description: 'Written before the withdrawal',
    });
    expect(first.status).toBe(201);
    await adapter.outbound.run();
    expect(await goalsOf(patient)).toHaveLength(1);

    const withdrawn = await api(adapter, 'POST', `/api/cases/${record.id}/consent/withdraw`, {});
    expect(withdrawn.status).toBe(200);
    const patched = await api(adapter, 'PATCH', `/api/cases/${record.id}/goals/${first.body.id}`, {
      lifecycleStatus: 'completed',
      achievement: 'achieved',
    });
    expect(patched.status).toBe(200);
    await sharedGoal(record.id, 'Written after the withdrawal');
    const report = await adapter.outbound.run();
    expect(report).toMatchObject({ held: 2, stalled: false });

    const goals = await goalsOf(patient);
    expect(goals.map((g) => [g.description.text, g.lifecycleStatus])).toEqual([
      ['Written before the withdrawal', 'active'],
    ]);
    const referral = (await fhirRequest<ServiceRequest>('GET', record.referralRef ?? '')).body;
    const consentRef = referral.supportingInfo?.[0]?.reference ?? '';
    const consent = (await fhirRequest<Consent>('GET', consentRef)).body;
    expect(consentState(consent)).toMatchObject({
      status: 'inactive',
      writeBack: false,
      withdrawnBy: 'Worker',
    });
    const outcome = await fhirRequest<{ issue: { severity: string }[] }>(
      'POST',
      `Consent/$validate?profile=${encodeURIComponent(consent.meta?.profile?.[0] ?? '')}`,
      consent,
    );
    expect(outcome.body.issue.filter((i) => i.severity === 'error')).toEqual([]);
    expect((await adapter.outbound.run()).requests).toBe(0);
  });

  it('puts the research permission the link worker records on the EHR Consent, and takes it off', async () => {
    const patient = uniqueId('pt');
    const record = await newCase(patient, ['share-referral']);
    await adapter.outbound.run();
    const referral = (await fhirRequest<ServiceRequest>('GET', record.referralRef ?? '')).body;
    const consentRef = referral.supportingInfo?.[0]?.reference ?? '';
    const onEhr = async (): Promise<Consent> =>
      (await fhirRequest<Consent>('GET', consentRef)).body;
    expect(researchPermitted(await onEhr())).toBe(false);
    // The route also starts a sync of its own a moment later, which a run here may share: run
    // until the EHR says so (bounded), then check what it says.
    const synced = async (research: boolean): Promise<Consent> => {
      for (let i = 0; i < 20; i += 1) {
        expect(await adapter.outbound.run()).toMatchObject({ held: 0, stalled: false });
        const now = await onEhr();
        if (researchPermitted(now) === research) return now;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return onEhr();
    };

    const given = await api(adapter, 'PUT', `/api/cases/${record.id}/consent/research`, {
      permitted: true,
    });
    expect(given.status).toBe(200);
    const permitted = await synced(true);
    expect(researchPermitted(permitted)).toBe(true);
    expect(consentState(permitted)).toMatchObject({ shareWithService: true, writeBack: false });
    const outcome = await fhirRequest<{ issue: { severity: string }[] }>(
      'POST',
      `Consent/$validate?profile=${encodeURIComponent(permitted.meta?.profile?.[0] ?? '')}`,
      permitted,
    );
    expect(outcome.body.issue.filter((i) => i.severity === 'error')).toEqual([]);
    // Reading the updated Consent back changes nothing, and there is nothing more to send.
    await adapter.inbound.poll();
    expect(await adapter.consents.consentOf(record.id)).toMatchObject({ research: true });
    await adapter.outbound.run();
    expect(researchPermitted(await onEhr())).toBe(true);

    await api(adapter, 'PUT', `/api/cases/${record.id}/consent/research`, { permitted: false });
    const taken = await synced(false);
    expect(researchPermitted(taken)).toBe(false);
    expect(taken.provision?.provision).toBeUndefined();
  });
});
