import type { Bundle, Task } from 'fhir/r4';
import { statusHistoryOf } from '@linkwell/profiles';
import type { RunningAdapter } from '@linkwell/fhir-server-adapter';
import { fhirRequest, uniqueId } from '../support/fhir-http';
import { api, startTestAdapter } from './support/adapter-env';
import { gpReferralTransaction, supportBundle } from './support/referral';

// Case state changes over the real HTTP API: atomic (one winner), recorded step by step, and the
// discharge keeps the link worker's reason; sharing follows the patient's consent.
const service = uniqueId('cst');
const patient = uniqueId('pt');
const gp = uniqueId('gp');
const lw = `Practitioner/${service}-lw` as const;
let adapter: RunningAdapter;

/** A referral whose Consent permits `permits`; returns its case id. */
async function newCase(permits: ('share-referral' | 'write-back-outcomes')[]): Promise<string> {
  const identifier = uniqueId('ref');
  const bundle = gpReferralTransaction({
    patient,
    gp,
    service,
    identifier,
    writeBack: permits.includes('write-back-outcomes'),
  });
  expect((await fhirRequest<Bundle>('POST', '', bundle)).status).toBe(200);
  await adapter.inbound.poll();
  const found = (await adapter.cases.listCases(service)).find(
    (c) => c.task?.identifier?.[0]?.value === identifier,
  );
  if (found === undefined) throw new Error('the referral did not become a case');
  return found.id;
}

beforeAll(async () => {
  const base = process.env.LINKWELL_TEST_FHIR_BASE ?? '';
  const support = supportBundle({ patient, gp, service }, `${service}-walk`);
  expect((await fhirRequest('POST', '', support)).status).toBe(200);
  // The link worker's name, as the EHR knows it.
  await fhirRequest('PUT', `Practitioner/${service}-lw`, {
    resourceType: 'Practitioner',
    id: `${service}-lw`,
    name: [{ given: ['Aisha'], family: 'Begum' }],
  });
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

describe('case state', () => {
  it('gives one of two concurrent accepts 200 and the other 409 saying who won', async () => {
    const caseId = await newCase(['share-referral', 'write-back-outcomes']);
    const answers = await Promise.all([
      api<{ error?: { code: string; message: string } }>(
        adapter,
        'POST',
        `/api/cases/${caseId}/accept`,
      ),
      api<{ error?: { code: string; message: string } }>(
        adapter,
        'POST',
        `/api/cases/${caseId}/accept`,
      ),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const loser = answers.find((a) => a.status === 409);
    expect(loser?.body.error).toMatchObject({
      code: 'conflict',
      message: 'The referral was already accepted by Aisha Begum, so it could not be accepted.',
    });
    const reject = await api<{ error: { message: string } }>(
      adapter,
      'POST',
      `/api/cases/${caseId}/reject`,
      {
        reason: 'outside-area',
      },
    );
    expect(reject.status).toBe(409);
    const detail = await api<{ statusHistory: { status: string; by: string }[] }>(
      adapter,
      'GET',
      `/api/cases/${caseId}`,
    );
    expect(detail.body.statusHistory).toEqual([
      expect.objectContaining({ status: 'accepted', businessStatus: 'awaiting-contact', by: lw }),
    ]);
  });

  it('keeps the discharge reason and GP actions, records every step, and writes them to the Task', async () => {
    const caseId = await newCase(['share-referral', 'write-back-outcomes']);
    const path = `/api/cases/${caseId}`;
    expect((await api(adapter, 'POST', `${path}/accept`)).status).toBe(200);
    expect(
      (await api(adapter, 'PUT', `${path}/business-status`, { businessStatus: 'first-meeting' }))
        .status,
    ).toBe(200);
    const noReason = await api<{ error: { field: string } }>(adapter, 'POST', `${path}/discharge`, {
      outcome: 'discharged',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.field).toBe('reason');
    const discharged = await api(adapter, 'POST', `${path}/discharge`, {
      outcome: 'discharged',
      reason: 'Settled into the walking group',
      gpActions: 'Please review in three months',
    });
    expect(discharged.status).toBe(200);
    const again = await api<{ error: { message: string } }>(adapter, 'POST', `${path}/discharge`, {
      outcome: 'declined',
      reason: 'Second try',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(
      'The referral was already discharged by Aisha Begum, so it could not be discharged.',
    );
    const detail = await api<{
      statusHistory: { status: string; businessStatus?: string }[];
      closure: { reason: string; gpActions: string; closedAt: string };
    }>(adapter, 'GET', path);
    expect(detail.body.statusHistory.map((s) => [s.status, s.businessStatus])).toEqual([
      ['accepted', 'awaiting-contact'],
      ['in-progress', 'first-meeting'],
      ['completed', 'discharged'],
    ]);
    expect(detail.body.closure).toMatchObject({
      reason: 'Settled into the walking group',
      gpActions: 'Please review in three months',
    });
    expect(Number.isNaN(Date.parse(detail.body.closure.closedAt))).toBe(false);

    expect(await adapter.outbound.run()).toMatchObject({ held: 0, stalled: false });
    const record = await adapter.cases.getCase(caseId);
    const task = (await fhirRequest<Task>('GET', `Task/${record?.taskId ?? ''}`)).body;
    expect(statusHistoryOf(task).map((s) => [s.status, s.businessStatus])).toEqual([
      ['requested', undefined],
      ['accepted', 'awaiting-contact'],
      ['in-progress', 'first-meeting'],
      ['completed', 'discharged'],
    ]);
    // Each step the link worker made names them, for the GP's timeline.
    expect(statusHistoryOf(task).map((s) => s.by?.display)).toEqual([
      undefined,
      'Aisha Begum',
      'Aisha Begum',
      'Aisha Begum',
    ]);
    const holder = task.extension?.find((e) => e.url.endsWith('linkwell-case-holder'));
    expect(holder?.valueReference).toEqual({ reference: lw, display: 'Aisha Begum' });
    const outcome = await fhirRequest<{ issue: { severity: string }[] }>(
      'POST',
      `Task/$validate?profile=${encodeURIComponent(task.meta?.profile?.[0] ?? '')}`,
      task,
    );
    expect(outcome.body.issue.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('starts share flags from the consent and refuses sharing the patient did not agree to', async () => {
    const withConsent = await newCase(['share-referral', 'write-back-outcomes']);
    const without = await newCase(['share-referral']);
    const shared = await api<{ shared: boolean }>(
      adapter,
      'POST',
      `/api/cases/${withConsent}/goals`,
      {
        description: 'Shared by default',
      },
    );
    expect(shared.body.shared).toBe(true);
    const kept = await api<{ shared: boolean }>(adapter, 'POST', `/api/cases/${without}/goals`, {
      description: 'Kept at the service',
    });
    expect(kept).toMatchObject({ status: 201, body: { shared: false } });
    const refused = await api<{ error: { code: string; message: string } }>(
      adapter,
      'POST',
      `/api/cases/${without}/goals`,
      { description: 'Share it anyway', share: true },
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('no-consent');
    expect(refused.body.error.message).toContain('has not agreed');
    const detail = await api<{ consent: { writeBack: boolean } | null }>(
      adapter,
      'GET',
      `/api/cases/${without}`,
    );
    expect(detail.body.consent?.writeBack).toBe(false);
  });
});
