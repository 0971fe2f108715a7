import { buildReferral, buildReferralTask } from '@linkwell/profiles';
import { type LinkWorker, type RunningAdapter } from '@linkwell/fhir-server-adapter';
import { MemoryGateway } from '@linkwell/test-kit';
import { api, startTestAdapter } from '../adapter/support/adapter-env';

// Input an attacker with a valid login would send: each refused with 400, a message naming the
// field, and nothing stored (counted in the adapter's own tables). Before, these gave 500.
const gateway = new MemoryGateway();
const workers: Record<string, LinkWorker> = {
  'Bearer mine': { practitioner: 'Practitioner/lw-1', serviceOrg: 'svc-a' },
};
const auth = { authorization: 'Bearer mine' };
let adapter: RunningAdapter;
let caseId = '';

async function count(table: string): Promise<number> {
  const rows = await adapter.db.query<{ n: number | string }>(
    `SELECT count(*) AS n FROM ${table} WHERE case_id = $1`,
    [caseId],
  );
  return Number(rows[0]?.n);
}

beforeAll(async () => {
  adapter = await startTestAdapter(
    'http://127.0.0.1:9/fhir',
    'svc-a',
    {},
    {
      gateway,
      authenticate: (header) => {
        const found = workers[header ?? ''];
        return found
          ? Promise.resolve(found)
          : Promise.reject(Object.assign(new Error('no'), { status: 401 }));
      },
    },
  );
  const common = { patient: 'Patient/p1', requester: 'Practitioner/gp' } as const;
  gateway.put({
    ...buildReferral({
      ...common,
      identifier: 'r-sec',
      performer: 'Organization/svc-a',
      authoredOn: '2025-02-03T10:15:00Z',
      needs: ['social-isolation'],
    }),
    id: 'r-sec',
  });
  gateway.put({
    ...buildReferralTask({
      ...common,
      referral: 'ServiceRequest/r-sec',
      owner: 'Organization/svc-a',
      authoredOn: '2025-02-03T10:15:00Z',
    }),
    id: 't-sec',
  });
  await adapter.inbound.poll();
  caseId = (await adapter.cases.listCases('svc-a'))[0]?.id ?? '';
});
afterAll(() => adapter.stop());

type Refusal = {
  status: number;
  body: { error: { code: string; message: string; field?: string } };
};

const probes: [string, string, string, unknown, string, string][] = [
  // [what, method, path under the case, body, field, table that must stay empty]
  ['a NUL byte in a note', 'POST', 'notes', { text: 'before\u0000after' }, 'text', 'notes'],
  [
    '30 February',
    'POST',
    'contact-attempts',
    { at: '2025-02-30T10:00:00Z', method: 'phone' },
    'at',
    'contact_attempts',
  ],
  [
    'hour 24',
    'POST',
    'contact-attempts',
    { at: '2025-02-03T24:00:00Z', method: 'phone' },
    'at',
    'contact_attempts',
  ],
  [
    'year 10000',
    'POST',
    'contact-attempts',
    { at: '10000-01-01T00:00:00Z', method: 'phone' },
    'at',
    'contact_attempts',
  ],
  [
    'a goal due on 31 April',
    'POST',
    'goals',
    { description: 'Walk', targetDue: '2025-04-31' },
    'targetDue',
    'goals',
  ],
  [
    'a goal starting in year 0',
    'POST',
    'goals',
    { description: 'Walk', startDate: '0000-01-01' },
    'startDate',
    'goals',
  ],
  ['month 13', 'PUT', 'follow-up', { due: '2025-13-01' }, 'due', 'case_follow_ups'],
  [
    'an answer of 1e400',
    'POST',
    'questionnaires',
    '{"instrument":"ons4","answers":{"anxiety":1e400}}',
    'answers.anxiety',
    'questionnaire_answers',
  ],
  [
    'a fractional answer',
    'POST',
    'questionnaires',
    { instrument: 'ons4', answers: { anxiety: 2.5 } },
    'answers.anxiety',
    'questionnaire_answers',
  ],
  [
    'a NUL in an answer key',
    'POST',
    'questionnaires',
    { instrument: 'ons4', answers: { 'a\u0000': 1 } },
    'answers',
    'questionnaire_answers',
  ],
];

describe('link-worker API: impossible input is a 400, never a 500', () => {
  it.each(probes)('refuses %s', async (_what, method, path, body, field, table) => {
    const answer = await api<Refusal['body']>(
      adapter,
      method,
      `/api/cases/${caseId}/${path}`,
      body,
      auth,
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error.field).toBe(field);
    expect(answer.body.error.message).toContain(field.split('.')[0] ?? field);
    expect(await count(table)).toBe(0);
  });

  it('refuses a NUL byte and a non-id in a path parameter', async () => {
    for (const goal of ['%00', 'not-a-goal']) {
      const answer = await api<Refusal['body']>(
        adapter,
        'PATCH',
        `/api/cases/${caseId}/goals/${goal}`,
        { lifecycleStatus: 'active' },
        auth,
      );
      expect(answer.status).toBe(400);
      expect(answer.body.error.field).toBe('goalId');
    }
  });

  it('still takes real dates at the edges of the calendar', async () => {
    const leap = await api(
      adapter,
      'POST',
      `/api/cases/${caseId}/goals`,
      { description: 'Walk', targetDue: '2028-02-29' },
      auth,
    );
    expect(leap.status).toBe(201);
    expect(await count('goals')).toBe(1);
  });
});
