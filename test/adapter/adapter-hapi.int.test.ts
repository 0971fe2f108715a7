import type { Bundle, Goal, Observation, Provenance, Task } from 'fhir/r4';
import { LINKWELL_IDENTIFIER_SYSTEMS } from '@linkwell/profiles';
import type { RunningAdapter } from '@linkwell/fhir-server-adapter';
import { fhirRequest, uniqueId } from '../support/fhir-http';
import { api, startTestAdapter } from './support/adapter-env';
import { gpReferralTransaction, supportBundle } from './support/referral';

// The adapter against the run's real HAPI FHIR server: a GP referral becomes one case, the link
// worker's work reaches FHIR with Provenance, every resource validates against our profiles, and a
// sync with nothing new writes nothing.
const service = uniqueId('svc');
const ids = { patient: uniqueId('pt'), gp: uniqueId('gp'), service, identifier: uniqueId('ref') };
const worker = { practitioner: `Practitioner/${service}-lw` as const, serviceOrg: service };
let adapter: RunningAdapter;

async function count(type: string, query: string): Promise<number> {
  const result = await fhirRequest<Bundle>('GET', `${type}?${query}&_summary=count`);
  return result.body.total ?? -1;
}

beforeAll(async () => {
  const base = process.env.LINKWELL_TEST_FHIR_BASE ?? '';
  expect((await fhirRequest('POST', '', supportBundle(ids, `${service}-walk`))).status).toBe(200);
  adapter = await startTestAdapter(
    base,
    service,
    {},
    { authenticate: () => Promise.resolve(worker) },
  );
});
afterAll(() => adapter.stop());

describe('fhir-server-adapter against HAPI', () => {
  let caseId = '';

  it('turns a GP referral transaction into exactly one case, even when posted twice', async () => {
    const first = await fhirRequest<Bundle>('POST', '', gpReferralTransaction(ids));
    expect(first.status).toBe(200);
    expect((await fhirRequest<Bundle>('POST', '', gpReferralTransaction(ids))).status).toBe(200);
    const taskId = /Task\/([^/]+)/.exec(first.body.entry?.[2]?.response?.location ?? '')?.[1] ?? '';
    await Promise.all([
      adapter.inbound.poll(),
      adapter.inbound.notified(taskId),
      adapter.inbound.poll(),
    ]);
    const list = await api<{ cases: { id: string; status: string }[] }>(
      adapter,
      'GET',
      '/api/cases',
    );
    expect(list.body.cases).toHaveLength(1);
    caseId = list.body.cases[0]?.id ?? '';
    expect(list.body.cases[0]?.status).toBe('requested');
  });

  it('accepts the referral: the Task is accepted in HAPI, with Provenance naming the link worker', async () => {
    expect((await api(adapter, 'POST', `/api/cases/${caseId}/accept`)).status).toBe(200);
    const report = await adapter.outbound.run();
    expect(report).toMatchObject({ held: 0, stalled: false });
    const tasks = await fhirRequest<Bundle>('GET', `Task?owner=Organization/${service}`);
    const task = tasks.body.entry?.[0]?.resource as Task;
    expect(task.status).toBe('accepted');
    expect(task.businessStatus?.coding?.[0]?.code).toBe('awaiting-contact');
    const provenance = await fhirRequest<Bundle>(
      'GET',
      `Provenance?target=Task/${String(task.id)}`,
    );
    expect((provenance.body.entry?.[0]?.resource as Provenance).agent[0]?.who.reference).toBe(
      worker.practitioner,
    );
  });

  it('writes goals and a baseline and follow-up SWEMWBS with Provenance; private notes stay home', async () => {
    const path = `/api/cases/${caseId}`;
    expect(
      (await api(adapter, 'POST', `${path}/notes`, { text: 'PRIVATE-NOTE-TEXT' })).status,
    ).toBe(201);
    expect(
      (await api(adapter, 'PUT', `${path}/business-status`, { businessStatus: 'first-meeting' }))
        .status,
    ).toBe(200);
    const goal = await api<{ id: string }>(adapter, 'POST', `${path}/goals`, {
      description: 'Get to the allotment on Saturdays',
      targetDue: '2025-09-01',
      targetMeasure: 'Saturdays a month',
    });
    expect(goal.status).toBe(201);
    const answers = (n: number) =>
      Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((i) => [`swemwbs-${i}`, n]));
    for (const [timing, n, authored] of [
      ['baseline', 2, '2025-03-05T10:00:00Z'],
      ['follow-up', 4, '2025-06-05T10:00:00Z'],
    ] as const) {
      const sent = await api<{ scores: unknown[] }>(adapter, 'POST', `${path}/questionnaires`, {
        instrument: 'swemwbs',
        timing,
        answers: answers(n),
        authored,
      });
      expect(sent.status).toBe(201);
    }
    expect(
      (
        await api(adapter, 'POST', `${path}/onward-referrals`, {
          service: `${service}-walk`,
          note: 'Tuesdays',
        })
      ).status,
    ).toBe(201);
    const report = await adapter.outbound.run();
    expect(report).toMatchObject({ held: 0, stalled: false });

    const goals = await fhirRequest<Bundle>(
      'GET',
      `Goal?identifier=${LINKWELL_IDENTIFIER_SYSTEMS.goal}|${goal.body.id}`,
    );
    expect((goals.body.entry?.[0]?.resource as Goal).description.text).toBe(
      'Get to the allotment on Saturdays',
    );
    const scores = await fhirRequest<Bundle>(
      'GET',
      `Observation?subject=Patient/${ids.patient}&code=718466001&_sort=date`,
    );
    expect(scores.body.entry?.map((e) => (e.resource as Observation).valueQuantity?.value)).toEqual(
      [15.32, 25.03],
    );
    expect(await count('QuestionnaireResponse', `subject=Patient/${ids.patient}`)).toBe(2);
    expect(
      await count('ServiceRequest', `identifier=${LINKWELL_IDENTIFIER_SYSTEMS.onwardReferral}|`),
    ).toBeGreaterThanOrEqual(1);
    const task = (await fhirRequest<Bundle>('GET', `Task?owner=Organization/${service}`)).body
      .entry?.[0]?.resource as Task;
    expect(task.status).toBe('in-progress');
    expect(task.output?.length).toBe(6);
    // Everything the link worker wrote is the target of a Provenance naming them (one per
    // transaction, naming every record it wrote, not one per record).
    const provenance = await fhirRequest<Bundle>(
      'GET',
      `Provenance?agent=${worker.practitioner}&_count=100`,
    );
    const targets = new Set(
      provenance.body.entry?.flatMap((e) =>
        (e.resource as Provenance).target.map((t) => t.reference ?? ''),
      ),
    );
    const written = [
      `Task/${String(task.id)}`,
      ...(task.output ?? []).map((o) => o.valueReference?.reference ?? ''),
    ];
    expect(written.filter((reference) => !targets.has(reference))).toEqual([]);
    expect(provenance.body.entry?.length).toBeLessThan(written.length);
    const everything = await fhirRequest('GET', `Patient/${ids.patient}/$everything`);
    expect(JSON.stringify(everything.body)).not.toContain('PRIVATE-NOTE-TEXT');
  });

  it('validates every resource it wrote against the Linkwell profiles on HAPI', async () => {
    for (const type of ['Task', 'Goal', 'Observation', 'ServiceRequest']) {
      const found = await fhirRequest<Bundle>(
        'GET',
        type === 'Task'
          ? `Task?owner=Organization/${service}`
          : `${type}?subject=Patient/${ids.patient}`,
      );
      for (const entry of found.body.entry ?? []) {
        const resource = entry.resource as {
          resourceType: string;
          id: string;
          meta?: { profile?: string[] };
        };
        const profile = resource.meta?.profile?.[0];
        const query = profile === undefined ? '' : `?profile=${encodeURIComponent(profile)}`;
        const outcome = await fhirRequest<{ issue: { severity: string; diagnostics?: string }[] }>(
          'POST',
          `${type}/$validate${query}`,
          resource,
        );
        expect(outcome.body.issue.filter((i) => i.severity === 'error')).toEqual([]);
      }
    }
  });

  it('makes no FHIR request when a sync finds nothing new', async () => {
    const before = await count('Provenance', `agent=${worker.practitioner}`);
    const report = await adapter.outbound.run();
    expect(report).toMatchObject({ requests: 0, written: 0 });
    expect(await count('Provenance', `agent=${worker.practitioner}`)).toBe(before);
  });
});
