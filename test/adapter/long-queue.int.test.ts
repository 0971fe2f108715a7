import type { Bundle, Task } from 'fhir/r4';
import type { RunningAdapter } from '@linkwell/fhir-server-adapter';
import { outageSwitch, type Outage } from '@linkwell/test-kit';
import { fhirRequest, uniqueId } from '../support/fhir-http';
import { api, startTestAdapter } from './support/adapter-env';
import { gpReferralTransaction, supportBundle } from './support/referral';

// A queue longer than a batch, built while the EHR's endpoint is unreachable (a TCP forwarder in
// front of the run's real HAPI, switched off), then synced once it is back: every goal is written
// once, and the referral's Task is rewritten once, at the end of the queue, with every output,
// instead of once per batch (each rewrite carries all the outputs so far).
jest.setTimeout(120_000);
const service = uniqueId('svc');
const ids = { patient: uniqueId('pt'), gp: uniqueId('gp'), service, identifier: uniqueId('ref') };
const worker = { practitioner: `Practitioner/${service}-lw` as const, serviceOrg: service };
const GOALS = 12;
let outage: Outage;
let adapter: RunningAdapter;

beforeAll(async () => {
  const base = process.env.LINKWELL_TEST_FHIR_BASE ?? '';
  expect((await fhirRequest('POST', '', supportBundle(ids, `${service}-walk`))).status).toBe(200);
  outage = await outageSwitch(base);
  adapter = await startTestAdapter(
    outage.base,
    service,
    { ADAPTER_SYNC_BATCH: '5' },
    { authenticate: () => Promise.resolve(worker) },
  );
});
afterAll(async () => {
  await adapter.stop();
  await outage.stop();
});

async function theTask(): Promise<Task> {
  const tasks = await fhirRequest<Bundle>('GET', `Task?owner=Organization/${service}`);
  return tasks.body.entry?.[0]?.resource as Task;
}

const total = async (path: string): Promise<number | undefined> =>
  (await fhirRequest<Bundle>('GET', `${path}${path.includes('?') ? '&' : '?'}_summary=count`)).body
    .total;

it('writes each goal once and the Task once, at the end of a queue three batches long', async () => {
  expect((await fhirRequest<Bundle>('POST', '', gpReferralTransaction(ids))).status).toBe(200);
  await adapter.inbound.poll();
  const list = await api<{ cases: { id: string }[] }>(adapter, 'GET', '/api/cases');
  const caseId = list.body.cases[0]?.id ?? '';
  expect((await api(adapter, 'POST', `/api/cases/${caseId}/accept`)).status).toBe(200);
  await adapter.outbound.run();
  const accepted = await theTask();
  expect(accepted.status).toBe('accepted');

  await outage.down();
  for (let i = 0; i < GOALS; i += 1) {
    const made = await api(adapter, 'POST', `/api/cases/${caseId}/goals`, {
      description: `Goal ${String(i)}`,
      share: true,
    });
    expect(made.status).toBe(201);
    // A sync in the middle of the queue (as the one each change sets off may be) gives up on the
    // outage, having queued the Task row behind the goals so far; the goals after it must not make
    // that row a second rewrite.
    if (i === 6) expect((await adapter.outbound.run()).stalled).toBe(true);
  }
  expect((await adapter.outbound.run()).stalled).toBe(true);
  expect(await total(`Goal?subject=Patient/${ids.patient}`)).toBe(0);
  await outage.up();
  for (let run = 0; run < 5; run += 1) {
    const report = await adapter.outbound.run();
    expect(report.held).toBe(0);
    if (!report.stalled && report.changesDone === 0) break;
  }

  expect(await total(`Goal?subject=Patient/${ids.patient}`)).toBe(GOALS);
  const task = await theTask();
  const outputs = task.output?.filter((o) => o.valueReference?.reference?.startsWith('Goal/'));
  expect(outputs).toHaveLength(GOALS);
  // One rewrite for the twelve goals (three batches of five), not one per batch.
  const before = Number(accepted.meta?.versionId);
  expect(Number(task.meta?.versionId)).toBe(before + 1);
  expect(await total(`Task/${String(task.id)}/_history`)).toBe(before + 1);
  expect((await adapter.outbound.run()).requests).toBe(0);
});
