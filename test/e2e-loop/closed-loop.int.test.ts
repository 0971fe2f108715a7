import { randomBytes } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { SEED } from '@linkwell/ehr-sandbox';
import { swemwbsMetric } from '@linkwell/profiles';
import {
  dischargeWithReason,
  eventually,
  findInCaseload,
  gpLaunchUrl,
  openCaseSection,
  recordSwemwbs,
  referFromGpApp,
  seriousAxeViolations,
  signInAsLinkWorker,
  waitForClosingSummarySynced,
  waitForHeldReferral,
} from './support/browser-steps';
import {
  closingSummariesOf,
  consentsOf,
  letterText,
  plantCrossPatientTask,
  putPatient,
  referralsOf,
} from './support/gp-record';
import { startLoopHarness, type LoopHarness } from './support/loop-harness';

// The closed loop in Debian's Chromium: a GP refers from the SMART app inside the sandbox EHR, a
// Riverside link worker works the case in the link-worker app, and the GP sees it come back.
// The link worker sees the consent, discharges with a reason, and the closing summary reaches the
// GP record as a letter. Eastfield, another service, never sees the case. Each screen is checked
// with axe-core.
jest.setTimeout(240_000);

let harness: LoopHarness;
let gp: BrowserContext;
let gpPage: Page;
let worker: BrowserContext;
let workerPage: Page;
// Letters only, so the name search finds exactly this test's patient.
const family = `Loop${randomBytes(6)
  .toString('hex')
  .replace(/\d/g, (d) => 'abcdefghij'[Number(d)] ?? 'x')}`;
const patientName = `Iris ${family}`;
const patientId = `e2e-loop-${randomBytes(4).toString('hex')}`;
// Another patient, named by a Task that points at Iris's referral: never shown, never a case.
const decoyFamily = `Decoy${family.slice(4)}`;
const decoyId = `${patientId}-decoy`;

beforeAll(async () => {
  harness = await startLoopHarness();
  await putPatient(patientId, 'Iris', family, {
    birthDate: '1948-05-02',
    gender: 'female',
    nhsNumber: '9990007777',
  });
  await putPatient(decoyId, 'Dora', decoyFamily, { birthDate: '1950-01-01' });
  gp = await harness.browser.newContext();
  gpPage = await gp.newPage();
  worker = await harness.browser.newContext({ viewport: { width: 1024, height: 768 } });
  workerPage = await worker.newPage();
});

afterAll(async () => {
  await gp.close();
  await worker.close();
  await harness.stop();
});

it('the GP launches the SMART app from the sandbox and refers the patient', async () => {
  await gpPage.goto(gpLaunchUrl(harness.ehr.baseUrl, harness.gpApp.url, patientId));
  await gpPage.getByRole('heading', { name: 'Social prescribing referrals' }).waitFor();
  await referFromGpApp(gpPage);
  expect(await gpPage.getByRole('article').textContent()).toContain('Waiting for the service');
});

it('the case appears in the Riverside link worker’s caseload', async () => {
  await workerPage.goto(harness.riverside.url);
  await workerPage.getByRole('heading', { name: 'Sign in to your caseload' }).waitFor();
  expect(await seriousAxeViolations(workerPage)).toEqual([]);
  await signInAsLinkWorker(workerPage, harness.riverside.url, SEED.linkWorkers[0] ?? '');
  await workerPage.getByRole('heading', { name: 'Caseload' }).waitFor();
  await findInCaseload(workerPage, family, 1);
  const row = workerPage.getByRole('row', { name: new RegExp(family) });
  expect(await row.textContent()).toContain('New referral');
  expect(await row.textContent()).toContain('Loneliness');
  expect(await workerPage.getByText(/awaits? first contact/).textContent()).toMatch(/\d+ referral/);
  expect(await seriousAxeViolations(workerPage)).toEqual([]);
});

it('a Task naming another patient for this referral is held for review, showing no one', async () => {
  const [referral] = await referralsOf(patientId);
  const referralRef = `ServiceRequest/${referral?.id ?? ''}`;
  await plantCrossPatientTask(SEED.linkWorkerService, referralRef, decoyId);
  await waitForHeldReferral(workerPage, referralRef);
  expect(await workerPage.getByRole('main').textContent()).not.toContain(decoyFamily);
  // Still one case for Iris: the held Task did not make a second.
  await findInCaseload(workerPage, family, 1);
  expect(await seriousAxeViolations(workerPage)).toEqual([]);
});

it('the link worker accepts, logs a contact, records two goals and SWEMWBS baseline and follow-up', async () => {
  await workerPage.getByRole('link', { name: patientName }).click();
  await workerPage.getByRole('heading', { name: new RegExp(patientName) }).waitFor();
  const referral = workerPage.getByRole('region', { name: 'Referral' });
  expect(await referral.textContent()).toContain('Singing with others again');
  expect(await referral.textContent()).toContain('Telephone call');
  // Who referred, by name and role; who recorded the consent and what the patient agreed to.
  expect(await referral.textContent()).toContain('Dr Amara Okafor, General practitioner');
  const consent = workerPage.getByRole('region', { name: 'Consent' });
  expect(await consent.getByText('Agreed', { exact: true }).count()).toBe(2);
  expect(await consent.textContent()).toContain('by Dr Amara Okafor');
  await consent.getByRole('button', { name: 'Record withdrawal of consent' }).waitFor();
  expect(await seriousAxeViolations(workerPage)).toEqual([]);

  await workerPage.getByRole('button', { name: 'Accept referral' }).click();
  await workerPage.getByLabel('Stage').waitFor();
  expect(await workerPage.getByRole('region', { name: 'Progress' }).textContent()).toContain(
    'Case held by: You',
  );
  expect(await workerPage.getByRole('region', { name: 'Case timeline' }).textContent()).toMatch(
    /Referral received.*Accepted/,
  );
  expect(await workerPage.getByRole('main').textContent()).not.toMatch(/lw-lw-|Practitioner\//);
  await workerPage.getByRole('group', { name: 'How' }).getByLabel('Phone call').check();
  await workerPage.getByRole('button', { name: 'Spoke with them', exact: true }).click();
  await workerPage.getByText('Phone call – Spoke with them').waitFor();

  await openCaseSection(workerPage, 'Goals and plan');
  // Write-back was agreed, so the share boxes start ticked.
  expect(
    await workerPage
      .getByLabel(/^Share with the GP/)
      .first()
      .isChecked(),
  ).toBe(true);
  for (const goal of ['Sing with other people every week', 'Walk to the park with a friend']) {
    await workerPage.getByLabel('New goal, in the person’s own words').fill(goal);
    await workerPage.getByLabel('Target date (optional)').fill('2026-12-01');
    await workerPage.getByRole('button', { name: 'Add goal' }).click();
    // The goal in the list (a textarea's text is its value too, so look in the list items).
    await workerPage.getByRole('listitem').filter({ hasText: goal }).waitFor();
  }

  await openCaseSection(workerPage, 'Measures');
  await recordSwemwbs(workerPage, 2, 'Save baseline SWEMWBS wellbeing');
  await workerPage.getByText('SWEMWBS wellbeing baseline saved.', { exact: false }).waitFor();
  await recordSwemwbs(workerPage, 3, 'Save follow-up SWEMWBS wellbeing');
  await workerPage.getByText('Better by', { exact: false }).first().waitFor();
  expect(await seriousAxeViolations(workerPage)).toEqual([]);

  // Each shared item reaches the GP record: the status, two goals, two questionnaires (each
  // section shows its own).
  const synced = async (section: string): Promise<[number, number]> => {
    await openCaseSection(workerPage, section);
    await workerPage.getByRole('navigation', { name: 'Case sections' }).waitFor();
    return [
      await workerPage.getByText('Waiting to reach the GP record').count(),
      await workerPage.getByText('In the GP record', { exact: true }).count(),
    ];
  };
  await eventually('everything shared to reach the GP record', async () => {
    await workerPage.reload();
    await workerPage.getByRole('heading', { name: new RegExp(patientName) }).waitFor();
    const counts = [
      await synced('Overview'),
      await synced('Goals and plan'),
      await synced('Measures'),
    ];
    return (
      counts.every(([pending]) => pending === 0) &&
      counts.map(([, done]) => done).join() === '1,2,2'
    );
  });
  expect(await workerPage.getByText('Refused by the GP record').count()).toBe(0);
  expect(await seriousAxeViolations(workerPage)).toEqual([]);
});

it('the GP app, reloaded, shows the status, the goals and the change in score', async () => {
  await gpPage.reload();
  const card = gpPage.getByRole('article');
  await card.getByText('Sing with other people every week').waitFor();
  const text = (await card.textContent()) ?? '';
  expect(text).toContain('Contacted');
  // The GP sees who holds the case, by name.
  expect(text).toContain('Link worker: Sam Carter');
  expect(text).toContain('Walk to the park with a friend');
  // SWEMWBS raw 14 → 21 (better by 7), metric 15.32 → 19.25.
  expect(text).toContain('Better by 7');
  expect(text).toMatch(
    new RegExp(`Better by ${String(Math.trunc(swemwbsMetric(21) - swemwbsMetric(14)))}\\.9`),
  );
});

const closingReason = 'Joined the community choir and walks with a neighbour each week';
const gpAsk = 'Please review her sleep at the next appointment';

it('the link worker discharges with a reason; the closing summary reaches the GP record', async () => {
  await dischargeWithReason(workerPage, closingReason, gpAsk);
  const closure = workerPage.getByRole('region', { name: 'Closure' });
  expect(await closure.textContent()).toContain(closingReason);
  expect(await closure.textContent()).toContain(gpAsk);
  expect(await closure.textContent()).toContain('A closing summary is sent to the GP record');
  await waitForClosingSummarySynced(workerPage);
  expect(await workerPage.getByRole('region', { name: 'Case timeline' }).textContent()).toContain(
    'Completed · Discharged',
  );
  expect(await seriousAxeViolations(workerPage)).toEqual([]);

  // On HAPI: one closing summary for the patient whose letter keeps the reason and the ask.
  const summaries = await closingSummariesOf(patientId);
  expect(summaries).toHaveLength(1);
  const letter = summaries.map(letterText).join('\n');
  expect(letter).toContain(closingReason);
  expect(letter).toContain(gpAsk);
});

it('the GP app shows the closing summary as a letter', async () => {
  await eventually('the closing letter in the GP app', async () => {
    await gpPage.reload();
    const card = gpPage.getByRole('article');
    await card.waitFor();
    return ((await card.textContent()) ?? '').includes(closingReason);
  });
});

it('the link worker records a withdrawal of consent; the GP record’s Consent says so', async () => {
  const consent = workerPage.getByRole('region', { name: 'Consent' });
  await consent.getByRole('button', { name: 'Record withdrawal of consent' }).click();
  expect(await seriousAxeViolations(workerPage)).toEqual([]);
  await consent.getByRole('button', { name: 'Yes, record the withdrawal' }).click();
  await consent
    .getByText(/^Consent withdrawn on .* by Sam Carter: nothing more is written back/)
    .waitFor();
  expect(await seriousAxeViolations(workerPage)).toEqual([]);
  await eventually('the withdrawal on the GP record’s Consent', async () => {
    const found = await consentsOf(patientId);
    const withdrawal = found[0]?.extension?.find((e) =>
      e.url.endsWith('/linkwell-consent-withdrawal'),
    );
    return found.length === 1 && found[0]?.status === 'inactive' && withdrawal !== undefined;
  });
});

it('a link worker of another service cannot see the case', async () => {
  const other = await harness.browser.newContext({ viewport: { width: 768, height: 1024 } });
  const page = await other.newPage();
  await signInAsLinkWorker(page, harness.eastfield.url, SEED.otherLinkWorker);
  await page.getByRole('heading', { name: 'Caseload' }).waitFor();
  await page.getByLabel('Search by name').fill(family);
  await page.getByText('No cases match.').waitFor();
  expect(await seriousAxeViolations(page)).toEqual([]);

  // Signed in at Riverside, the Eastfield worker is refused outright.
  await signInAsLinkWorker(page, harness.riverside.url, SEED.otherLinkWorker);
  await page.getByRole('alert').waitFor();
  expect(await page.getByRole('alert').textContent()).toContain(
    'You are not a member of this link-worker service',
  );
  await other.close();
});

it('signs out, and says clearly when the session has expired', async () => {
  await workerPage.getByRole('button', { name: 'Sign out' }).click();
  await workerPage.getByRole('heading', { name: 'You have signed out' }).waitFor();
  expect(await seriousAxeViolations(workerPage)).toEqual([]);

  await signInAsLinkWorker(workerPage, harness.riverside.url, SEED.linkWorkers[0] ?? '');
  await workerPage.getByRole('heading', { name: 'Caseload' }).waitFor();
  // Age the stored ID token as if an hour had passed.
  await workerPage.evaluate(() => {
    for (const key of Object.keys(sessionStorage).filter((k) => k.startsWith('oidc.user:'))) {
      const user = JSON.parse(sessionStorage.getItem(key) ?? '{}') as {
        profile?: { exp?: number };
        expires_at?: number;
      };
      sessionStorage.setItem(
        key,
        JSON.stringify({ ...user, expires_at: 1, profile: { ...user.profile, exp: 1 } }),
      );
    }
  });
  await workerPage.reload();
  await workerPage.getByRole('heading', { name: 'Your session has expired' }).waitFor();
  expect(await seriousAxeViolations(workerPage)).toEqual([]);
});
