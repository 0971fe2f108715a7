import type { Page } from 'playwright-core';
import { SEED } from '@linkwell/ehr-sandbox';
import { SWEMWBS_ANSWERS } from '@linkwell/profiles';

// What a GP and a link worker do in the browser, step by step, for the loop test.

/** Retries `check` until it returns true (the adapter polls and syncs every second). */
export async function eventually(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 45_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** The sandbox's script-friendly EHR launch of the GP app, as the first seed GP. */
export function gpLaunchUrl(ehrBase: string, gpAppUrl: string, patientId: string): string {
  const query = new URLSearchParams({
    patient: patientId,
    practitioner: SEED.gps[0] ?? '',
    launch_uri: `${gpAppUrl}/launch.html`,
    need_patient_banner: 'true',
  });
  return `${ehrBase}/launch?${query.toString()}`;
}

/** The GP refers the patient in context to the Riverside service. */
export async function referFromGpApp(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'New referral' }).click();
  await page.getByLabel('Loneliness').check();
  await page.getByLabel('Bereavement').check();
  await page.getByLabel('What matters to the patient (optional)').fill('Singing with others again');
  await page.getByLabel('Telephone call').check();
  await page
    .getByLabel('Link-worker service', { exact: true })
    .selectOption({ label: 'Riverside Social Prescribing Service' });
  await page.getByLabel(/agrees to share this referral/).check();
  await page.getByLabel(/goals and outcomes are written back/).check();
  await page.getByRole('button', { name: 'Send referral' }).click();
  await page.getByText(/Referral sent\./).waitFor();
}

/** Signs in to a link-worker app through the sandbox's OpenID Connect provider. */
export async function signInAsLinkWorker(
  page: Page,
  appUrl: string,
  practitioner: string,
): Promise<void> {
  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const picker = page.getByLabel('Sign in as');
  await picker.waitFor();
  await picker.selectOption(practitioner);
  await page.getByRole('button', { name: 'Sign in and allow' }).click();
  // Back at the app, and past its callback: the code has been exchanged (a reload before that
  // would cut the exchange short).
  await page.waitForURL(
    (url) => url.href.startsWith(appUrl) && !url.pathname.startsWith('/auth/callback'),
  );
}

/** Reloads the caseload until a search for the name finds `expected` cases. */
export async function findInCaseload(page: Page, name: string, expected: number): Promise<void> {
  await eventually(`${expected} case(s) named ${name} in the caseload`, async () => {
    await page.reload();
    await page.getByRole('table').waitFor();
    await page.getByLabel('Search by name').fill(name);
    return (await page.getByRole('link', { name: new RegExp(name) }).count()) === expected;
  });
}

/** Opens one section of the case by its tab. */
export async function openCaseSection(page: Page, title: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Case sections' })
    .getByRole('link', { name: title })
    .click();
}

/** Answers every SWEMWBS statement with the same choice (1–5) and saves it (Measures section). */
export async function recordSwemwbs(page: Page, answer: number, save: string): Promise<void> {
  // The Measures form shows the set; only SWEMWBS is answered, so only it is saved.
  const words = SWEMWBS_ANSWERS[answer - 1] ?? '';
  for (let item = 1; item <= 7; item += 1) {
    await page
      .getByRole('group', { name: `Statement ${item}`, exact: true })
      .getByLabel(words, { exact: true })
      .check();
  }
  await page.getByRole('button', { name: save }).click();
}

/** Closes the case in the link-worker app with what happened and what the GP is asked to do. */
export async function dischargeWithReason(
  page: Page,
  reason: string,
  gpActions: string,
): Promise<void> {
  await openCaseSection(page, 'Overview');
  const progress = page.getByRole('region', { name: 'Progress' });
  await progress.getByLabel('What happened').fill(reason);
  await progress.getByLabel('Anything the GP is asked to do (optional)').fill(gpActions);
  await progress
    .getByRole('group', { name: 'How the case ends' })
    .getByRole('button', { name: 'Discharged: support complete' })
    .click();
  // A confirmation says what closing does before anything is sent.
  await progress.getByRole('button', { name: 'Yes, close the case' }).click();
  await page.getByRole('region', { name: 'Closure' }).waitFor();
}

/** Reloads the case until the Closure section says the closing summary is in the GP record. */
export async function waitForClosingSummarySynced(page: Page): Promise<void> {
  await eventually('the closing summary to reach the GP record', async () => {
    await page.reload();
    const closure = page.getByRole('region', { name: 'Closure' });
    await closure.waitFor();
    return (await closure.getByText('In the GP record', { exact: true }).count()) === 1;
  });
}

/** Reloads the caseload until the held-for-review panel lists a reason containing `words`. */
export async function waitForHeldReferral(page: Page, words: string): Promise<void> {
  await eventually(`a referral held for review (${words})`, async () => {
    await page.reload();
    await page.getByRole('table').waitFor();
    const held = page.getByRole('region', { name: /held for review$/ });
    return (await held.count()) === 1 && ((await held.textContent()) ?? '').includes(words);
  });
}

// One axe-core runner for every browser suite (evaluated, so the apps' CSP stays strict).
export { seriousAxeViolations } from '../../support/axe';
