import { buildReferral, buildReferralTask } from '@linkwell/profiles';
import { type LinkWorker, type RunningAdapter } from '@linkwell/fhir-server-adapter';
import { MemoryGateway } from '@linkwell/test-kit';
import { api, startTestAdapter } from './support/adapter-env';

// Bad input at the API's edge: each refused with a status and a message a person can act on.
const gateway = new MemoryGateway();
const workers: Record<string, LinkWorker> = {
  'Bearer mine': { practitioner: 'Practitioner/lw-1', serviceOrg: 'svc-a' },
  'Bearer theirs': { practitioner: 'Practitioner/lw-9', serviceOrg: 'svc-b' },
};
let adapter: RunningAdapter;
let other: RunningAdapter;
let caseId = '';
let foreignCaseId = '';

function addTask(id: string, owner: string): void {
  // The Referral the Task points at: ingest checks it is for the same patient and this service.
  gateway.put({
    ...buildReferral({
      identifier: `r-${id}`,
      patient: 'Patient/p1',
      requester: 'Practitioner/gp',
      performer: `Organization/${owner}`,
      authoredOn: '2025-02-03T10:15:00Z',
      needs: ['social-isolation'],
    }),
    id: `r-${id}`,
  });
  gateway.put({
    ...buildReferralTask({
      referral: `ServiceRequest/r-${id}`,
      patient: 'Patient/p1',
      requester: 'Practitioner/gp',
      owner: `Organization/${owner}`,
      authoredOn: '2025-02-03T10:15:00Z',
    }),
    id,
  });
}

beforeAll(async () => {
  const authenticate = (header: string | undefined) => {
    const found = workers[header ?? ''];
    return found
      ? Promise.resolve(found)
      : Promise.reject(Object.assign(new Error('no'), { status: 401 }));
  };
  adapter = await startTestAdapter(
    'http://127.0.0.1:9/fhir',
    'svc-a',
    { ADAPTER_MAX_BODY_BYTES: '2048' },
    { gateway, authenticate },
  );
  addTask('t-a', 'svc-a');
  await adapter.inbound.poll();
  caseId = (await adapter.cases.listCases('svc-a'))[0]?.id ?? '';
  // A case of another service in the same store (as if two services shared one database).
  const { record } = await adapter.cases.ingestTask({
    serviceOrg: 'svc-b',
    task: {
      ...buildReferralTask({
        referral: 'ServiceRequest/r-b',
        patient: 'Patient/p2',
        requester: 'Practitioner/gp',
        owner: 'Organization/svc-b',
        authoredOn: '2025-02-03T10:15:00Z',
      }),
      id: 't-b',
    },
    referralRef: 'ServiceRequest/r-b',
    patientRef: 'Patient/p2',
  });
  foreignCaseId = record.id;
  other = adapter;
});
afterAll(() => other.stop());

describe('link-worker API: bad input', () => {
  it('refuses malformed JSON', async () => {
    const answer = await api<{ error: { code: string } }>(
      adapter,
      'POST',
      `/api/cases/${caseId}/notes`,
      '{"text": ',
      { authorization: 'Bearer mine' },
    );
    expect(answer).toMatchObject({ status: 400, body: { error: { code: 'malformed-json' } } });
  });

  it('refuses an oversized body', async () => {
    const answer = await api<{ error: { code: string } }>(
      adapter,
      'POST',
      `/api/cases/${caseId}/notes`,
      { text: 'x'.repeat(5000) },
      { authorization: 'Bearer mine' },
    );
    expect(answer).toMatchObject({ status: 413, body: { error: { code: 'too-large' } } });
  });

  it('answers 404 for an unknown case and 403 for another service', async () => {
    expect(
      (
        await api(adapter, 'GET', '/api/cases/00000000-0000-4000-8000-000000000000', undefined, {
          authorization: 'Bearer mine',
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api(adapter, 'GET', '/api/cases/not-a-uuid', undefined, {
          authorization: 'Bearer mine',
        })
      ).status,
    ).toBe(404);
    const foreign = await api<{ error: { message: string } }>(
      adapter,
      'GET',
      `/api/cases/${foreignCaseId}`,
      undefined,
      { authorization: 'Bearer mine' },
    );
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.message).toMatch(/another link-worker service/);
    const list = await api<{ cases: unknown[] }>(adapter, 'GET', '/api/cases', undefined, {
      authorization: 'Bearer mine',
    });
    expect(list.body.cases).toHaveLength(1);
  });

  it('refuses out-of-range answers with the item and range, and stores nothing', async () => {
    const answer = await api<{ error: { code: string; message: string } }>(
      adapter,
      'POST',
      `/api/cases/${caseId}/questionnaires`,
      {
        instrument: 'ons4',
        timing: 'baseline',
        answers: { 'life-satisfaction': 11, worthwhile: 5, happiness: 5, anxiety: 5 },
      },
      { authorization: 'Bearer mine' },
    );
    expect(answer.status).toBe(422);
    expect(answer.body.error.message).toBe('ONS4 life-satisfaction: must be from 0 to 10, got 11');
    expect(await adapter.cases.answers(caseId)).toHaveLength(0);
  });

  it('names the field for a missing or unknown value', async () => {
    const reject = await api<{ error: { field: string; message: string } }>(
      adapter,
      'POST',
      `/api/cases/${caseId}/reject`,
      { reason: 'because' },
      { authorization: 'Bearer mine' },
    );
    expect(reject.status).toBe(400);
    expect(reject.body.error.field).toBe('reason');
    const goal = await api<{ error: { field: string } }>(
      adapter,
      'POST',
      `/api/cases/${caseId}/goals`,
      { description: '' },
      { authorization: 'Bearer mine' },
    );
    expect(goal.body.error.field).toBe('description');
  });

  it('requires sign-in', async () => {
    expect(
      (await api(adapter, 'GET', '/api/cases', undefined, { authorization: 'Bearer nobody' }))
        .status,
    ).toBe(401);
  });

  it('refuses a rest-hook without the shared secret', async () => {
    expect(
      (await api(adapter, 'PUT', '/fhir-hook/Task/t-a', { resourceType: 'Task', id: 't-a' }))
        .status,
    ).toBe(401);
  });
});
