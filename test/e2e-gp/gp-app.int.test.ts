import type { Consent, Flag, ServiceRequest, Task } from 'fhir/r4';
import type { BrowserContext, Page } from 'playwright-core';
import { SEED } from '@linkwell/ehr-sandbox';
import {
  buildGoal,
  buildOnwardReferral,
  buildOutcomeObservation,
  buildReferralTask,
  type ReferenceTo,
} from '@linkwell/profiles';
import {
  countFhirRequestsAfterToken,
  launchUrl,
  seriousAxeViolations,
  startGpHarness,
  withoutProbes,
  type GpHarness,
} from './support/gp-harness';
import { createTestPatient, resourcesFor, write } from './support/link-worker';

// The GP's closed loop in a real browser: EHR launch from the sandbox, refer, and see the link
// worker's progress, goals and outcomes come back. One patient of its own, so counts are exact.
let harness: GpHarness;
let context: BrowserContext;
let page: Page;
let patientId: string;

beforeAll(async () => {
  harness = await startGpHarness();
  patientId = await createTestPatient('Loop');
  context = await harness.browser.newContext();
  page = await context.newPage();
});

afterAll(async () => {
  await context.close();
  await harness.stop();
});

async function launch(): Promise<() => string[]> {
  const requests = countFhirRequestsAfterToken(page, harness.ehr.baseUrl);
  await page.goto(launchUrl(harness, patientId));
  await page.waitForURL(`${harness.app.url}/**`);
  await page.getByRole('heading', { name: 'Social prescribing referrals' }).waitFor();
  return requests;
}

it('launches from the sandbox as a GP: banner, empty record, one round trip', async () => {
  const requests = await launch();
  expect(await page.getByRole('region', { name: 'Patient' }).textContent()).toContain('LOOP, Test');
  expect(await page.getByText('No social prescribing referrals yet').isVisible()).toBe(true);
  // The code is gone from the address bar once exchanged.
  expect(new URL(page.url()).searchParams.has('code')).toBe(false);
  expect(withoutProbes(requests())).toEqual(['token', 'POST /fhir/']);
  expect(await seriousAxeViolations(page)).toEqual([]);
});

it('refers: a double click makes exactly one ServiceRequest, Task and Consent', async () => {
  await page.getByRole('link', { name: 'New referral' }).click();
  await page.getByRole('button', { name: 'Send referral' }).click();
  await page.getByRole('alert').waitFor();
  expect(await page.getByRole('alert').textContent()).toContain('Choose at least one need');
  expect(await seriousAxeViolations(page)).toEqual([]);

  await page.getByLabel('Loneliness').check();
  await page.getByLabel('Bereavement').check();
  await page.getByLabel('What matters to the patient (optional)').fill('Singing with others again');
  await page.getByLabel('Telephone call').check();
  await page.getByRole('button', { name: 'Add risk, safeguarding or communication needs' }).click();
  await page.getByLabel('Lone-working risk').check();
  await page.getByLabel(/visiting alone/).fill('Large dog; meet at the practice');
  await page.getByLabel('Preferred language').selectOption('pl');
  await page.getByLabel('An interpreter is needed').check();
  await page
    .getByLabel('Link-worker service', { exact: true })
    .selectOption({ label: 'Riverside Social Prescribing Service' });
  await page.getByLabel(/agrees to share this referral/).check();
  await page.getByRole('button', { name: 'Send referral' }).dblclick();
  await page.getByText(/Referral sent\./).waitFor();

  const [referrals, tasks, consents, flags] = await Promise.all([
    resourcesFor<ServiceRequest>('ServiceRequest', patientId),
    resourcesFor<Task>('Task', patientId),
    resourcesFor<Consent>('Consent', patientId),
    resourcesFor<Flag>('Flag', patientId),
  ]);
  expect([referrals.length, tasks.length, consents.length, flags.length]).toEqual([1, 1, 1, 1]);
  // The risk went through the sandbox's proxy as a profiled Flag the Referral points at.
  expect(flags[0]?.code.text).toBe('Large dog; meet at the practice');
  expect(referrals[0]?.supportingInfo?.[1]?.reference).toBe(`Flag/${flags[0]?.id ?? ''}`);
  expect(tasks[0]?.focus?.reference).toBe(`ServiceRequest/${referrals[0]?.id ?? ''}`);
  expect(referrals[0]?.supportingInfo?.[0]?.reference).toBe(`Consent/${consents[0]?.id ?? ''}`);
  expect(referrals[0]?.requester?.reference).toMatch(/^PractitionerRole\//);
  const card = page.getByRole('article');
  expect(await card.textContent()).toContain('Waiting for the service');
});

it('shows the link worker’s progress, goals, outcomes and onward connections', async () => {
  const [referral] = await resourcesFor<ServiceRequest>('ServiceRequest', patientId);
  const [task] = await resourcesFor<Task>('Task', patientId);
  const srRef = `ServiceRequest/${referral?.id ?? ''}` as ReferenceTo<'ServiceRequest'>;
  const patient = `Patient/${patientId}` as const;
  const worker = `PractitionerRole/${SEED.linkWorkers[0] ?? ''}-role` as const;
  const service = `Organization/${SEED.linkWorkerService}` as const;
  const taskInput = {
    referral: srRef,
    patient,
    requester: 'Practitioner/lw-gp-okafor',
    owner: service,
    authoredOn: task?.authoredOn ?? '',
  } as const;
  await write({
    ...buildReferralTask({
      ...taskInput,
      status: 'in-progress',
      businessStatus: 'connected',
      lastModified: new Date().toISOString(),
    }),
    id: task?.id ?? '',
  });
  await write(
    buildGoal({
      description: 'Sing in the community choir every week',
      patient,
      referral: srRef,
      startDate: '2025-03-01',
      achievement: 'improving',
      expressedBy: patient,
    }),
  );
  for (const [value, date] of [
    [8, '2025-03-01T10:00:00Z'],
    [5, '2025-05-20T10:00:00Z'],
  ] as const) {
    await write(
      buildOutcomeObservation({
        measure: 'ucla3-total',
        value,
        patient,
        referral: srRef,
        performer: worker,
        effectiveDateTime: date,
      }),
    );
  }
  await write(
    buildOutcomeObservation({
      measure: 'ons4-life-satisfaction',
      value: 4,
      patient,
      referral: srRef,
      performer: worker,
      effectiveDateTime: '2025-03-01T10:00:00Z',
    }),
  );
  await write(
    buildOutcomeObservation({
      measure: 'ons4-life-satisfaction',
      value: 7,
      patient,
      referral: srRef,
      performer: worker,
      effectiveDateTime: '2025-05-20T10:00:00Z',
    }),
  );
  await write(
    buildOnwardReferral({
      identifier: `onward-${patientId}`,
      referral: srRef,
      patient,
      requester: worker,
      service: `HealthcareService/${SEED.communityServices[4] ?? ''}`,
      serviceName: "Riverside Men's Shed",
      authoredOn: '2025-04-01T10:00:00Z',
    }),
  );

  const requests = countFhirRequestsAfterToken(page, harness.ehr.baseUrl, { fromNow: true });
  await page.reload();
  const card = page.getByRole('article');
  await card.getByText('Sing in the community choir every week').waitFor();
  const text = (await card.textContent()) ?? '';
  expect(text).toContain('Connected to community support');
  expect(await card.locator('[aria-current="step"]').textContent()).toContain(
    'Connected to community support',
  );
  expect(text).toContain('Improving');
  expect(text).toContain('UCLA-3 total score');
  expect(text).toContain('Lower is better (higher means lonelier)');
  expect(text).toContain('ONS4 life satisfaction');
  expect(text).toContain('Higher is better');
  expect(await card.getByText('Better by 3').count()).toBe(2);
  expect(text).toContain("Riverside Men's Shed");
  // A reload resumes the session (no second code exchange): one batch, no token request at all.
  expect(withoutProbes(requests())).toEqual(['POST /fhir/']);
  expect(await seriousAxeViolations(page)).toEqual([]);

  await write({
    ...buildReferralTask({
      ...taskInput,
      status: 'rejected',
      statusReason: 'outside-area',
      lastModified: new Date().toISOString(),
    }),
    id: task?.id ?? '',
  });
  await page.reload();
  await card.getByText('Not accepted by the service').first().waitFor();
  expect(await card.textContent()).toContain('Reason: Outside the service area');
});

it('says the session ended when the server stops accepting the token', async () => {
  const token = await page.evaluate(() => {
    const key = JSON.parse(sessionStorage.getItem('SMART_KEY') ?? '""') as string;
    const state = JSON.parse(sessionStorage.getItem(key) ?? '{}') as {
      tokenResponse?: { access_token?: string };
    };
    return state.tokenResponse?.access_token ?? '';
  });
  const revoked = await fetch(`${harness.ehr.baseUrl}/token/revocation`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, client_id: 'linkwell-gp-app' }).toString(),
  });
  expect(revoked.status).toBe(200);
  await page.reload();
  await page.getByRole('heading', { name: 'Your session has ended' }).waitFor();
  expect(await seriousAxeViolations(page)).toEqual([]);
});

it('shows a 403 from the server in words, with what the server said', async () => {
  const narrow = await harness.browser.newContext();
  const narrowPage = await narrow.newPage();
  await narrowPage.goto(launchUrl(harness, patientId, harness.narrowApp.url));
  await narrowPage.getByRole('heading', { name: 'Linkwell is not allowed to do this' }).waitFor();
  expect(await narrowPage.locator('.lw-server-words').textContent()).toContain('Goal');
  expect(await seriousAxeViolations(narrowPage)).toEqual([]);
  await narrow.close();
});

it('explains how to open the app when it is opened without a launch', async () => {
  const fresh = await harness.browser.newContext();
  const freshPage = await fresh.newPage();
  await freshPage.goto(`${harness.app.url}/`);
  await freshPage.getByRole('heading', { name: "Open Linkwell from a patient's record" }).waitFor();
  expect(await seriousAxeViolations(freshPage)).toEqual([]);
  await fresh.close();
});
