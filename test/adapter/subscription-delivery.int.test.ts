import type { Bundle, Consent, Subscription, Task } from 'fhir/r4';
import { withdrawConsent } from '@linkwell/profiles';
import { fhirRequest, uniqueId } from '../support/fhir-http';
import { startHookCounter, type HookCounter } from './support/hook-counter';
import { gpReferralTransaction, supportBundle } from './support/referral';
import { eventually, startSandboxAdapter, type SandboxAdapter } from './support/sandbox-adapter';

// HAPI's real rest-hook delivery, through the EHR sandbox: the adapter subscribes through the
// scope-enforcing proxy, no poll timer runs, and a counter between HAPI and the adapter's hook
// sees every delivery. Each change must be delivered once: HAPI re-sends what it thinks failed.
const service = uniqueId('svc-hook');
const ids = { patient: uniqueId('pt'), gp: uniqueId('gp'), service, identifier: uniqueId('ref') };
const worker = { practitioner: `Practitioner/${service}-lw` as const, serviceOrg: service };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Long enough for HAPI's first redelivery of a failed one (about a second) to show several times. */
const REDELIVERY_WINDOW_MS = 5000;
let counter: HookCounter;
let running: SandboxAdapter;
let taskId = '';
let consentId = '';
let caseId = '';

beforeAll(async () => {
  expect((await fhirRequest('POST', '', supportBundle(ids, `${service}-walk`))).status).toBe(200);
  counter = await startHookCounter();
  running = await startSandboxAdapter({
    serviceOrg: service,
    publicUrl: counter.url,
    options: { subscribe: true, authenticate: () => Promise.resolve(worker) },
  });
  counter.forwardTo(running.adapter.url);
  const subscriptions = await running.adapter.subscribed;
  expect(subscriptions).toHaveLength(2);
  for (const id of subscriptions) {
    await eventually(async () => {
      const found = await fhirRequest<Subscription>('GET', `Subscription/${id}`);
      return found.body.status === 'active' ? true : undefined;
    });
  }
  // HAPI's subscription registry takes up an activated Subscription on its next refresh (1 s).
  await sleep(2000);
});
afterAll(async () => {
  await running.stop();
  await counter.close();
});

describe('rest-hook delivery from HAPI with polling off', () => {
  it('creates the case from the delivered Task, and each Task change is delivered once', async () => {
    const started = Date.now();
    const posted = await fhirRequest<Bundle>('POST', '', gpReferralTransaction(ids));
    expect(posted.status).toBe(200);
    const written = Date.now();
    const location = (i: number) => posted.body.entry?.[i]?.response?.location ?? '';
    consentId = /Consent\/([^/]+)/.exec(location(0))?.[1] ?? '';
    taskId = /Task\/([^/]+)/.exec(location(2))?.[1] ?? '';

    const record = await eventually(async () =>
      (await running.adapter.cases.listCases(service)).find((c) => c.taskId === taskId),
    );
    caseId = record.id;
    const first = counter.deliveries.find((d) => d.resource === `Task/${taskId}`);
    process.stderr.write(
      `\n[subscription-delivery] first Task delivery ${(first?.receivedAt ?? 0) - started} ms after the transaction was sent (its response took ${written - started} ms), answered in ${(first?.answeredAt ?? 0) - (first?.receivedAt ?? 0)} ms\n`,
    );
    process.stderr.write(
      `\n[subscription-delivery] case visible ${Date.now() - started} ms after the GP's transaction\n`,
    );
    expect(await running.adapter.consents.consentOf(caseId)).toMatchObject({
      consentRef: `Consent/${consentId}`,
      shareWithService: true,
      writeBack: true,
    });

    // A second change to the Task, made in the record: delivered and taken in as a fresh snapshot.
    const task = (await fhirRequest<Task>('GET', `Task/${taskId}`)).body;
    const updated = await fhirRequest('PUT', `Task/${taskId}`, {
      ...task,
      note: [{ text: 'Prefers a morning call' }],
    });
    expect(updated.status).toBe(200);
    await eventually(async () =>
      (await running.adapter.cases.getCase(caseId))?.taskVersion === '2' ? true : undefined,
    );
    await sleep(REDELIVERY_WINDOW_MS);

    process.stderr.write(
      `[subscription-delivery] Task deliveries per version: ${JSON.stringify([...counter.perVersion(`Task/${taskId}`)])}\n`,
    );
    expect(counter.perVersion(`Task/${taskId}`)).toEqual(
      new Map([
        ['1', 1],
        ['2', 1],
      ]),
    );
    const answers = counter.deliveries.filter((d) => d.resource === `Task/${taskId}`);
    expect(answers.map((d) => [d.method, d.status])).toEqual([
      ['PUT', 200],
      ['PUT', 200],
    ]);
  });

  it('takes a withdrawal the GP records into the case through the Consent subscription', async () => {
    const consent = (await fhirRequest<Consent>('GET', `Consent/${consentId}`)).body;
    const withdrawn = withdrawConsent(consent, {
      date: '2025-03-05T10:00:00Z',
      by: { reference: `Practitioner/${ids.gp}`, display: 'Dr Test GP' },
    });
    expect((await fhirRequest('PUT', `Consent/${consentId}`, withdrawn)).status).toBe(200);

    const now = await eventually(async () => {
      const held = await running.adapter.consents.consentOf(caseId);
      return held?.withdrawnAt === undefined ? undefined : held;
    });
    expect(now).toMatchObject({ status: 'inactive', writeBack: false, withdrawnBy: 'Dr Test GP' });
    await sleep(REDELIVERY_WINDOW_MS);
    const perVersion = counter.perVersion(`Consent/${consentId}`);
    process.stderr.write(
      `[subscription-delivery] Consent deliveries per version: ${JSON.stringify([...perVersion])}\n`,
    );
    expect([...perVersion.values()].every((count) => count === 1)).toBe(true);
    expect(perVersion.get(now.versionId ?? '')).toBe(1);
  });
});
