import type { Bundle, Task } from 'fhir/r4';
import { LINKWELL_IDENTIFIER_SYSTEMS } from '@linkwell/profiles';
import type { RunningAdapter } from '@linkwell/fhir-server-adapter';
import { fhirRequest, uniqueId } from '../support/fhir-http';
import { api, startTestAdapter } from './support/adapter-env';
import { gpReferralTransaction, supportBundle } from './support/referral';

// Sync never stalls: among 100 good changes, a Task the mappers cannot read, a goal they refuse and
// an onward referral HAPI refuses are each held with the reason; the 100 others reach HAPI.
const service = uniqueId('psn');
const patient = uniqueId('pt');
const gp = uniqueId('gp');
const lw = `Practitioner/${service}-lw` as const;
const GOALS = 99;
let adapter: RunningAdapter;

async function count(type: string, query: string): Promise<number> {
  const result = await fhirRequest<Bundle>('GET', `${type}?${query}&_summary=count`);
  return result.body.total ?? -1;
}

async function taskOf(caseId: string): Promise<Task> {
  const record = await adapter.cases.getCase(caseId);
  return (await fhirRequest<Task>('GET', `Task/${record?.taskId ?? ''}`)).body;
}

async function newCase(identifier: string): Promise<string> {
  const posted = await fhirRequest(
    'POST',
    '',
    gpReferralTransaction({ patient, gp, service, identifier }),
  );
  expect(posted.status).toBe(200);
  await adapter.inbound.poll();
  const found = (await adapter.cases.listCases(service)).find(
    (c) => c.task?.identifier?.[0]?.value === identifier,
  );
  if (found === undefined) throw new Error(`no case for ${identifier}`);
  return found.id;
}

beforeAll(async () => {
  const base = process.env.LINKWELL_TEST_FHIR_BASE ?? '';
  expect(
    (await fhirRequest('POST', '', supportBundle({ patient, gp, service }, `${service}-walk`)))
      .status,
  ).toBe(200);
  adapter = await startTestAdapter(
    base,
    service,
    {},
    {
      authenticate: () => Promise.resolve({ practitioner: lw, serviceOrg: service }),
    },
  );
});
afterAll(() => adapter.stop());

it('holds each poisoned record with its reason and the other changes reach HAPI', async () => {
  const good = await newCase(uniqueId('ref'));
  const poisonedTask = await newCase(uniqueId('ref'));
  // The Task as the EHR might hold it: its requester named by identifier only.
  const snapshot = (await adapter.cases.getCase(poisonedTask))?.task as Task;
  await adapter.db.query('UPDATE cases SET task_json = $2 WHERE id = $1', [
    poisonedTask,
    { ...snapshot, requester: { identifier: { system: 'https://example.org/ods', value: 'G1' } } },
  ]);
  expect((await api(adapter, 'POST', `/api/cases/${poisonedTask}/accept`)).status).toBe(200);
  expect((await api(adapter, 'POST', `/api/cases/${good}/accept`)).status).toBe(200);
  for (let i = 0; i < GOALS; i += 1) {
    const made = await api(adapter, 'POST', `/api/cases/${good}/goals`, {
      description: `Goal ${i}`,
    });
    expect(made.status).toBe(201);
  }
  const badGoal = await api<{ id: string }>(adapter, 'POST', `/api/cases/${good}/goals`, {
    description: 'Goal the mappers refuse',
  });
  await adapter.db.query("UPDATE goals SET achievement = 'brilliant' WHERE id = $1", [
    badGoal.body.id,
  ]);
  // Valid to our builders, refused by HAPI: the community service does not exist there.
  await adapter.cases.addOnwardReferral({
    caseId: good,
    serviceRef: `HealthcareService/${service}-missing`,
    serviceName: 'Nowhere',
    note: undefined,
    status: 'active',
    authoredOn: new Date().toISOString(),
    shared: true,
    linkWorker: lw,
  });

  const report = await adapter.outbound.run();
  expect(report).toMatchObject({ held: 3, stalled: false });
  const held = await adapter.db.query<{ kind: string; message: string }>(
    "SELECT kind, message FROM outbox WHERE state = 'held' ORDER BY kind",
  );
  expect(held.map((h) => h.kind)).toEqual(['goal', 'onward', 'task']);
  expect(held[0]?.message).toMatch(/^This goal could not be written: achievement/);
  expect(held[1]?.message).toMatch(/^HAPI-1094: Resource HealthcareService\/.*-missing not found/);
  expect(held[2]?.message).toMatch(/^The referral's Task could not be written: requester/);
  const pending = await adapter.db.query("SELECT 1 FROM outbox WHERE state = 'pending'");
  expect(pending).toHaveLength(0);

  expect(await count('Goal', `subject=Patient/${patient}`)).toBe(GOALS);
  expect(
    await count(
      'ServiceRequest',
      `subject=Patient/${patient}&identifier=${LINKWELL_IDENTIFIER_SYSTEMS.onwardReferral}|`,
    ),
  ).toBe(0);
  const task = await taskOf(good);
  expect(task.status).toBe('accepted');
  expect(task.output).toHaveLength(GOALS);
  expect((await taskOf(poisonedTask)).status).toBe('requested');

  // The next run picks nothing up again: held changes wait for the link worker.
  expect((await adapter.outbound.run()).requests).toBe(0);
  const problems = await api<{ syncProblems: { message: string }[] }>(
    adapter,
    'GET',
    `/api/cases/${poisonedTask}`,
  );
  expect(problems.body.syncProblems[0]?.message).toContain('requester');
});
