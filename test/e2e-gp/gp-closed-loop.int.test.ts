import type { Consent, ServiceRequest, Task } from 'fhir/r4';
import type { BrowserContext, Page } from 'playwright-core';
import { SEED } from '@linkwell/ehr-sandbox';
import {
  buildClosingSummary,
  buildReferralTask,
  consentState,
  type ReferenceTo,
} from '@linkwell/profiles';
import { fhirRequest } from '../support/fhir-http';
import {
  countFhirRequestsAfterToken,
  launchUrl,
  seriousAxeViolations,
  startGpHarness,
  withoutProbes,
  type GpHarness,
} from './support/gp-harness';
import { createTestPatient, resourcesFor, write } from './support/link-worker';

// What comes back to the GP while the app stays open: progress without a relaunch, the closing
// summary as a letter, and consent the GP withdraws. One patient of its own, so counts are exact.
let harness: GpHarness;
let context: BrowserContext;
let page: Page;
let patientId: string;
let referral: ServiceRequest;
let task: Task;

const RIVERSIDE = `Organization/${SEED.linkWorkerService}`;
const SAM = { reference: `Practitioner/${SEED.linkWorkers[0] ?? ''}`, display: 'Sam Carter' };

beforeAll(async () => {
  harness = await startGpHarness();
  patientId = await createTestPatient('Updates');
  context = await harness.browser.newContext();
  page = await context.newPage();
});

afterAll(async () => {
  await context.close();
  await harness.stop();
});

/** Marks the document: a relaunch or reload would lose the mark. */
const markPage = () =>
  page.evaluate(() => {
    (window as unknown as { lwMark?: string }).lwMark = 'still here';
  });
const pageMark = () =>
  page.evaluate(() => (window as unknown as { lwMark?: string }).lwMark ?? 'reloaded');
/** The app also re-reads when its window gains focus (as when the GP comes back to it). */
const focus = () => page.evaluate(() => window.dispatchEvent(new Event('focus')));

it('preselects the service configured for the practice and names the GP on the Consent', async () => {
  await page.goto(launchUrl(harness, patientId));
  await page.waitForURL(`${harness.app.url}/**`);
  await page.getByRole('link', { name: 'New referral' }).click();
  const select = page.getByLabel('Link-worker service', { exact: true });
  // Eastfield sorts first; the seed's OrganizationAffiliation makes Riverside the practice's service.
  expect(await select.inputValue()).toBe(RIVERSIDE);
  expect(await page.getByText('Your practice refers to Riverside').isVisible()).toBe(true);
  expect(await seriousAxeViolations(page)).toEqual([]);

  await page.getByLabel('Loneliness').check();
  await page.getByLabel(/agrees to share this referral/).check();
  await page.getByRole('button', { name: 'Send referral' }).click();
  await page.getByText(/Referral sent\./).waitFor();
  [referral] = (await resourcesFor<ServiceRequest>('ServiceRequest', patientId)) as [
    ServiceRequest,
  ];
  [task] = (await resourcesFor<Task>('Task', patientId)) as [Task];
  const [consent] = await resourcesFor<Consent>('Consent', patientId);
  expect(referral.performer?.[0]?.reference).toBe(RIVERSIDE);
  expect(consentState(consent as Consent)).toMatchObject({
    status: 'active',
    shareWithService: true,
    writeBack: true,
    recordedBy: 'Dr Amara Okafor',
  });
  const card = page.getByRole('article');
  const panel = card.getByRole('region', { name: 'Consent' });
  expect(await panel.textContent()).toContain('by Dr Amara Okafor');
});

it('shows a Task change written to the record without a relaunch', async () => {
  await markPage();
  const requests = countFhirRequestsAfterToken(page, harness.ehr.baseUrl, { fromNow: true });
  const accepted = new Date(Date.now() - 60_000).toISOString();
  const contacted = new Date().toISOString();
  await write({
    ...buildReferralTask({
      referral: `ServiceRequest/${referral.id ?? ''}` as ReferenceTo<'ServiceRequest'>,
      patient: `Patient/${patientId}`,
      requester: referral.requester?.reference as ReferenceTo<'PractitionerRole'>,
      owner: RIVERSIDE as ReferenceTo<'Organization'>,
      authoredOn: task.authoredOn ?? '',
      status: 'in-progress',
      businessStatus: 'contacted',
      lastModified: contacted,
      statusHistory: [
        { status: 'accepted', date: accepted },
        { status: 'in-progress', businessStatus: 'contacted', date: contacted },
      ],
      caseHolder: SAM,
    }),
    id: task.id ?? '',
  });
  await focus();
  const card = page.getByRole('article');
  await card.getByText('Link worker: Sam Carter').waitFor();
  expect(await card.locator('[aria-current="step"]').textContent()).toContain('Contacted');
  const steps = await card.locator('.lw-timeline__label').allTextContents();
  expect(steps).toEqual(['Referral sent', 'Accepted by the link-worker service', 'Contacted']);
  expect(await pageMark()).toBe('still here');
  // One small probe, then the one dashboard batch: no token, no relaunch, no reload loop.
  expect(requests()[0]).toBe('POST /fhir/ (changes)');
  expect(withoutProbes(requests())).toEqual(['POST /fhir/']);
});

/** Waits until `count()` reaches `atLeast` (polling), or fails after `ms`. */
async function eventually(count: () => number, atLeast: number, ms = 40_000): Promise<void> {
  const until = Date.now() + ms;
  while (count() < atLeast) {
    if (Date.now() > until) throw new Error(`saw ${count()}, expected at least ${atLeast}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

it('picks up the closing summary on its own (every ~15 s) and shows it as a letter', async () => {
  const requests = countFhirRequestsAfterToken(page, harness.ehr.baseUrl, { fromNow: true });
  const probes = () => requests().filter((r) => r.endsWith('(changes)')).length;
  const summary = buildClosingSummary({
    identifier: `case-${patientId}`,
    patient: `Patient/${patientId}`,
    referral: `ServiceRequest/${referral.id ?? ''}` as ReferenceTo<'ServiceRequest'>,
    task: `Task/${task.id ?? ''}` as ReferenceTo<'Task'>,
    linkWorker: SAM,
    service: { reference: RIVERSIDE, display: 'Riverside Social Prescribing Service' },
    closedOn: new Date().toISOString(),
    outcome: 'Discharged',
    reason: 'Goes to the walking group every Tuesday & sees friends there.',
    support: { contactAttempts: 1, conversations: 2, meetings: 3, onward: [] },
    goals: [{ description: 'Walk with others each week', status: 'Achieved' }],
    outcomes: [],
    writeBackWithheld: false,
    gpActions: 'Please review her blood pressure <b>at</b> the next appointment.',
  });
  await write(summary);
  // No focus, no reload: the periodic probe finds it.
  const letter = page
    .getByRole('article')
    .getByRole('region', { name: /^Social prescribing closing summary/ });
  await letter.waitFor({ timeout: 40_000 });
  const text = (await letter.textContent()) ?? '';
  expect(text).toContain('by Sam Carter, Riverside Social Prescribing Service');
  expect(text).toContain('Goes to the walking group every Tuesday & sees friends there.');
  expect(text).toContain('- Walk with others each week: Achieved');
  // Text, never HTML: the angle brackets are shown, not parsed.
  expect(text).toContain('<b>at</b>');
  expect(await letter.locator('b').count()).toBe(0);
  expect(await letter.locator('br').count()).toBeGreaterThan(0);
  expect(await pageMark()).toBe('still here');
  expect(await seriousAxeViolations(page)).toEqual([]);
  // The next probe finds nothing new: no second dashboard read, no reload loop.
  const seen = probes();
  await eventually(probes, seen + 1);
  expect(withoutProbes(requests())).toEqual(['POST /fhir/']);
});

it('records a withdrawal of consent on the same Consent in the record, and says so', async () => {
  const panel = page.getByRole('article').getByRole('region', { name: 'Consent' });
  await panel.getByRole('button', { name: /patient withdrew consent/ }).click();
  await panel.getByRole('button', { name: 'Record withdrawal of consent' }).click();
  await panel
    .getByText(
      /^Consent withdrawn on .+ by Dr Amara Okafor: no further goals or outcomes will be written back$/,
    )
    .waitFor();

  const consents = await resourcesFor<Consent>('Consent', patientId);
  expect(consents).toHaveLength(1);
  const stored = consents[0] as Consent;
  expect(stored.status).toBe('inactive');
  expect(stored.meta?.versionId).toBe('2');
  expect(consentState(stored)).toMatchObject({
    writeBack: false,
    withdrawnBy: 'Dr Amara Okafor',
    recordedBy: 'Dr Amara Okafor',
  });
  expect(stored.provision?.period?.end).toBeDefined();
  const history = await fhirRequest<{ total?: number }>(
    'GET',
    `Consent/${stored.id ?? ''}/_history`,
  );
  expect(history.body.total).toBe(2);
  expect(await panel.getByRole('button').count()).toBe(0);
  expect(await seriousAxeViolations(page)).toEqual([]);
});
