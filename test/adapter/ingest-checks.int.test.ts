import type { Bundle, Task } from 'fhir/r4';
import { fhirRequest, uniqueId } from '../support/fhir-http';
import { api } from './support/adapter-env';
import {
  createdRef,
  referralVariant,
  supportBundle,
  type ReferralVariant,
} from './support/referral';
import { startSandboxAdapter, type SandboxAdapter } from './support/sandbox-adapter';

// Ingest through the EHR sandbox checks what a Task claims before it becomes a case: a Task for
// one patient pointing at another patient's referral (or at a referral for another service, or
// at something that is no referral) is held for review, and the caseload never shows the other
// patient.
const service = uniqueId('svc-ingest');
const ids = { patient: uniqueId('pt'), gp: uniqueId('gp'), service, identifier: uniqueId('ref') };
const other = {
  id: uniqueId('pt-other'),
  family: `Otherperson${Date.now().toString(36)}`,
  birthDate: '1951-07-19',
  line: '99 Quarry Row',
};
const worker = { practitioner: `Practitioner/${service}-lw` as const, serviceOrg: service };
const desk = `${service}-desk`;
const base = { patient: ids.patient, gp: ids.gp, service };
let running: SandboxAdapter;
const taskIds: Record<string, string> = {};

const PERMITS = ['share-referral', 'write-back-outcomes'] as const;

async function post(name: string, variant: Partial<ReferralVariant>): Promise<void> {
  const bundle = referralVariant({ ...base, permits: PERMITS, ...variant });
  // The Task is always for our patient: only what it points at varies.
  const task = bundle.entry?.at(-1)?.resource as Task;
  task.for = { reference: `Patient/${ids.patient}` };
  const posted = await fhirRequest<Bundle>('POST', '', bundle);
  expect(posted.status).toBe(200);
  taskIds[name] = createdRef(posted.body, 'Task')?.replace('Task/', '') ?? '';
}

beforeAll(async () => {
  expect((await fhirRequest('POST', '', supportBundle(ids, `${service}-walk`))).status).toBe(200);
  const patientB = {
    resourceType: 'Patient',
    id: other.id,
    name: [{ family: other.family, given: ['Secret'] }],
    birthDate: other.birthDate,
    address: [{ line: [other.line], city: 'Elsewhere' }],
  };
  expect((await fhirRequest('PUT', `Patient/${other.id}`, patientB)).status).toBe(201);
  const hs = {
    resourceType: 'HealthcareService',
    id: desk,
    name: 'Link worker desk',
    providedBy: { reference: `Organization/${service}` },
  };
  expect((await fhirRequest('PUT', `HealthcareService/${desk}`, hs)).status).toBe(201);
  // The Consent is our patient's: only the Referral names the other patient.
  await post('crossPatient', { patient: other.id, consentPatient: ids.patient });
  await post('otherService', { performer: 'Organization/lw-sp-service-eastfield' });
  await post('notAReferral', { notAReferral: true });
  await post('consentOfOther', { consentPatient: other.id });
  await post('viaDesk', { performer: `HealthcareService/${desk}` });
  running = await startSandboxAdapter({
    serviceOrg: service,
    options: { authenticate: () => Promise.resolve(worker) },
  });
});
afterAll(() => running.stop());

describe('ingest checks (through the EHR sandbox)', () => {
  it('holds what does not check out, with the reason and no patient data', async () => {
    const report = await running.adapter.inbound.poll();
    expect(report).toMatchObject({ seen: 5, created: 1, held: 4 });
    const held = await api<{ held: { taskId: string; reason: string }[] }>(
      running.adapter,
      'GET',
      '/api/inbound/held',
    );
    expect(held.status).toBe(200);
    const reasons = new Map(held.body.held.map((h) => [h.taskId, h.reason]));
    expect(reasons.get(taskIds.crossPatient ?? '')).toMatch(
      /^The Referral ServiceRequest\/\S+ is for a different patient than the Task\.$/,
    );
    expect(reasons.get(taskIds.otherService ?? '')).toMatch(/addressed to another service/);
    expect(reasons.get(taskIds.notAReferral ?? '')).toMatch(/not a social prescribing Referral/);
    expect(reasons.get(taskIds.consentOfOther ?? '')).toMatch(
      /^The Referral's Consent\/\S+ is for a different patient than the Task\.$/,
    );
    expect(reasons.size).toBe(4);
    const text = JSON.stringify(held.body);
    expect(text).not.toMatch(/Patient\//);
    expect(text).not.toContain(other.family);
  });

  it('never shows the other patient in the caseload; a Referral to a service desk is a case', async () => {
    const caseload = await api<{ cases: { taskId: string; patientName?: string }[] }>(
      running.adapter,
      'GET',
      '/api/caseload',
    );
    expect(caseload.status).toBe(200);
    expect(caseload.body.cases.map((c) => c.taskId)).toEqual([taskIds.viaDesk]);
    expect(caseload.body.cases[0]?.patientName).toBe('Test');
    const text = JSON.stringify(caseload.body);
    for (const secret of [other.family, other.birthDate, other.line, other.id]) {
      expect(text).not.toContain(secret);
    }
  });

  it('makes the case once the Task is corrected, and the hold goes', async () => {
    const taskId = taskIds.crossPatient ?? '';
    const good = referralVariant({ ...base, permits: PERMITS });
    const posted = await fhirRequest<Bundle>('POST', '', {
      ...good,
      entry: good.entry?.slice(0, 2),
    });
    const referralRef = createdRef(posted.body, 'ServiceRequest');
    const task = (await fhirRequest<Task>('GET', `Task/${taskId}`)).body;
    expect(
      (await fhirRequest('PUT', `Task/${taskId}`, { ...task, focus: { reference: referralRef } }))
        .status,
    ).toBe(200);
    expect(await running.adapter.inbound.poll()).toMatchObject({ created: 1 });
    const held = await api<{ held: { taskId: string }[] }>(
      running.adapter,
      'GET',
      '/api/inbound/held',
    );
    expect(held.body.held.map((h) => h.taskId)).not.toContain(taskId);
    expect((await running.adapter.cases.listCases(service)).map((c) => c.taskId)).toContain(taskId);
  });

  it('sets a reviewed hold aside until the Task changes', async () => {
    const taskId = taskIds.otherService ?? '';
    const heldIds = async (): Promise<string[]> =>
      (
        await api<{ held: { taskId: string }[] }>(running.adapter, 'GET', '/api/inbound/held')
      ).body.held.map((h) => h.taskId);
    const dismissed = await api(running.adapter, 'POST', `/api/inbound/held/${taskId}/dismiss`);
    expect(dismissed.status).toBe(200);
    expect(await heldIds()).not.toContain(taskId);
    // The poll sees the same version again: it stays set aside.
    await running.adapter.inbound.notified(taskId);
    expect(await heldIds()).not.toContain(taskId);
    expect((await api(running.adapter, 'POST', `/api/inbound/held/${taskId}/dismiss`)).status).toBe(
      404,
    );
    // A new version that is still wrong is held again.
    const task = (await fhirRequest<Task>('GET', `Task/${taskId}`)).body;
    expect(
      (await fhirRequest('PUT', `Task/${taskId}`, { ...task, priority: 'urgent' })).status,
    ).toBe(200);
    await running.adapter.inbound.notified(taskId);
    expect(await heldIds()).toContain(taskId);
  });
});
