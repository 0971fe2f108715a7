import type { Task } from 'fhir/r4';
import { caseHolderOf } from '@linkwell/profiles';
import type { RunningAdapter } from '@linkwell/fhir-server-adapter';
import { fhirRequest, uniqueId } from '../support/fhir-http';
import { api, startTestAdapter } from './support/adapter-env';
import { gpReferralTransaction, supportBundle } from './support/referral';

// The team caseload against the run's real HAPI: a case handed to a colleague (who and when kept,
// the Task's case-holder extension on the EHR updated), cover for an absent colleague with dates,
// and a case refused to anyone outside the service with nothing changed.
const service = uniqueId('svc');
const other = `${service}-other`;
const ids = { patient: uniqueId('pt'), gp: uniqueId('gp'), service, identifier: uniqueId('ref') };
const me = `Practitioner/${service}-lw` as const;
const colleague = `Practitioner/${service}-lw2`;
const outsider = `Practitioner/${service}-out`;
let adapter: RunningAdapter;
let caseId = '';

interface Refusal {
  error: { code: string; message: string; field?: string };
}
interface Row {
  id: string;
  assignedTo?: string;
  assignedToName?: string;
  cover?: { practitioner: string; name?: string; from: string; until: string; active: boolean };
}

function teamBundle() {
  const put = (resource: { resourceType: string; id: string } & Record<string, unknown>) => ({
    resource,
    request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}` },
  });
  const role = (id: string, practitioner: string, org: string) =>
    put({
      resourceType: 'PractitionerRole',
      id,
      practitioner: { reference: practitioner },
      organization: { reference: `Organization/${org}` },
    });
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      put({ resourceType: 'Organization', id: other, name: 'Another service' }),
      put({
        resourceType: 'Practitioner',
        id: `${service}-lw2`,
        name: [{ given: ['Aisha'], family: 'Begum' }],
      }),
      put({
        resourceType: 'Practitioner',
        id: `${service}-out`,
        name: [{ given: ['Olu'], family: 'Lowe' }],
      }),
      role(`${service}-lw-role`, me, service),
      role(`${service}-lw2-role`, colleague, service),
      role(`${service}-out-role`, outsider, other),
    ],
  };
}

const caseload = async (): Promise<Row | undefined> =>
  (await api<{ cases: Row[] }>(adapter, 'GET', '/api/caseload')).body.cases.find(
    (c) => c.id === caseId,
  );
const taskOnEhr = async (): Promise<Task> => {
  const rows = await adapter.db.query<{ task_id: string }>(
    'SELECT task_id FROM cases WHERE id = $1',
    [caseId],
  );
  return (await fhirRequest<Task>('GET', `Task/${rows[0]?.task_id ?? ''}`)).body;
};

beforeAll(async () => {
  expect((await fhirRequest('POST', '', supportBundle(ids, `${service}-walk`))).status).toBe(200);
  expect((await fhirRequest('POST', '', teamBundle())).status).toBe(200);
  expect((await fhirRequest('POST', '', gpReferralTransaction(ids))).status).toBe(200);
  adapter = await startTestAdapter(
    process.env.LINKWELL_TEST_FHIR_BASE ?? '',
    service,
    {},
    { authenticate: () => Promise.resolve({ practitioner: me, serviceOrg: service }) },
  );
  await adapter.inbound.poll();
  caseId = (await api<{ cases: Row[] }>(adapter, 'GET', '/api/caseload')).body.cases[0]?.id ?? '';
});
afterAll(() => adapter.stop());

it('refuses to hand over a case that has not been accepted', async () => {
  const early = await api<Refusal>(adapter, 'POST', `/api/cases/${caseId}/assign`, {
    to: colleague,
  });
  expect(early.status).toBe(409);
  expect(early.body.error.message).toContain('Only an accepted, open case');
});

it('hands the case to a colleague, recording who and when, and the EHR’s Task follows', async () => {
  expect((await api(adapter, 'POST', `/api/cases/${caseId}/accept`)).status).toBe(200);
  const handed = await api<{ case: Row }>(adapter, 'POST', `/api/cases/${caseId}/assign`, {
    to: colleague,
  });
  expect(handed.status).toBe(200);
  expect(handed.body.case).toMatchObject({ assignedTo: colleague, assignedToName: 'Aisha Begum' });
  expect(await caseload()).toMatchObject({ assignedTo: colleague, assignedToName: 'Aisha Begum' });
  const history = await api<{ history: { kind: string; practitioner: string; by: string }[] }>(
    adapter,
    'GET',
    `/api/cases/${caseId}/assignments`,
  );
  expect(history.body.history).toEqual([
    expect.objectContaining({ kind: 'holder', practitioner: colleague, by: me }),
  ]);
  await adapter.outbound.run();
  expect(caseHolderOf(await taskOnEhr())).toMatchObject({
    reference: colleague,
    display: 'Aisha Begum',
  });
});

it('refuses someone outside the service, naming the field, and changes nothing', async () => {
  for (const to of [outsider, `Practitioner/${service}-nobody`]) {
    const refused = await api<Refusal>(adapter, 'POST', `/api/cases/${caseId}/assign`, { to });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'not-in-service', field: 'to' });
    expect(refused.body.error.message).toContain('not a link worker of this service');
  }
  const cover = await api<Refusal>(adapter, 'POST', `/api/cases/${caseId}/cover`, {
    by: outsider,
    from: '2026-01-01',
    until: '2026-01-02',
  });
  expect(cover.status).toBe(422);
  expect((await api(adapter, 'POST', `/api/cases/${caseId}/assign`, { to: 'lw-1' })).status).toBe(
    400,
  );
  expect(await caseload()).toMatchObject({ assignedTo: colleague });
  const history = await api<{ history: unknown[] }>(
    adapter,
    'GET',
    `/api/cases/${caseId}/assignments`,
  );
  expect(history.body.history).toHaveLength(1);
  await adapter.outbound.run();
  expect(caseHolderOf(await taskOnEhr())?.reference).toBe(colleague);
});

it('covers for the absent holder between two days; the caseload shows who covers', async () => {
  const today = new Date().toISOString().slice(0, 10);
  const later = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const backwards = await api<Refusal>(adapter, 'POST', `/api/cases/${caseId}/cover`, {
    by: me,
    from: later,
    until: today,
  });
  expect(backwards.status).toBe(400);
  expect(backwards.body.error.field).toBe('until');
  const own = await api<Refusal>(adapter, 'POST', `/api/cases/${caseId}/cover`, {
    by: colleague,
    from: today,
    until: later,
  });
  expect(own.status).toBe(409);
  const cover = await api(adapter, 'POST', `/api/cases/${caseId}/cover`, {
    by: me,
    from: today,
    until: later,
  });
  expect(cover.status).toBe(201);
  expect((await caseload())?.cover).toEqual({
    practitioner: me,
    name: 'Worker',
    from: today,
    until: later,
    active: true,
  });
  expect((await api(adapter, 'POST', `/api/cases/${caseId}/cover/end`)).status).toBe(200);
  expect((await caseload())?.cover).toBeUndefined();
  expect((await api(adapter, 'POST', `/api/cases/${caseId}/cover/end`)).status).toBe(409);
});
