import { randomBytes, randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { SEED } from '@linkwell/ehr-sandbox';
import {
  generateFeed,
  startOrukFeed,
  type OrukService,
  type RunningOrukFeed,
} from '@linkwell/oruk-feed';
import { gpReferralTransaction } from '../adapter/support/referral';
import { fhirRequest, testFhirBase } from '../support/fhir-http';
import {
  eventually,
  findInCaseload,
  openCaseSection,
  seriousAxeViolations,
  signInAsLinkWorker,
} from './support/browser-steps';
import { startLoopHarness, type LoopHarness } from './support/loop-harness';

// Search → refer in Debian's Chromium: a Riverside link worker searches the imported ORUK
// directory from the case, sees capacity and contacts, is warned about a paused service, refers
// once the service agreed, and the onward referral shows as awaiting the service's reply.
jest.setTimeout(240_000);

const family = `Dir${randomBytes(6)
  .toString('hex')
  .replace(/\d/g, (d) => 'abcdefghij'[Number(d)] ?? 'x')}`;
const patientId = `e2e-dir-${randomBytes(4).toString('hex')}`;
const feedName = `e2e-${randomBytes(4).toString('hex')}`;
let feed: RunningOrukFeed;
let harness: LoopHarness;
let context: BrowserContext;
let page: Page;

const services: OrukService[] = generateFeed({ count: 40, seed: 21 }).map((s, i) =>
  i === 0
    ? { ...s, name: 'Paused Kettle Club', status: 'temporarily closed' }
    : i === 1
      ? { ...s, name: 'Open Kettle Club', status: 'active' }
      : s,
);

beforeAll(async () => {
  feed = await startOrukFeed({ port: 0, services });
  harness = await startLoopHarness({
    ADAPTER_DIRECTORY_FEED_URL: feed.url,
    ADAPTER_DIRECTORY_FEED_NAME: feedName,
    ADAPTER_DIRECTORY_FHIR_BASE: testFhirBase(),
  });
  const put = await fhirRequest('PUT', `Patient/${patientId}`, {
    resourceType: 'Patient',
    id: patientId,
    name: [{ use: 'official', family, given: ['Ada'] }],
    birthDate: '1950-02-03',
    address: [{ city: 'Riverside', postalCode: 'ZZ1 3CC' }],
  });
  expect(put.status).toBeLessThan(300);
  const referral = await fhirRequest(
    'POST',
    '',
    gpReferralTransaction({
      patient: patientId,
      gp: SEED.gps[0] ?? '',
      service: SEED.linkWorkerService,
      identifier: randomUUID(),
    }),
  );
  expect(referral.status).toBe(200);
  expect(await harness.riverside.directory.startImport().done).toMatchObject({ state: 'done' });
  context = await harness.browser.newContext({ viewport: { width: 1024, height: 900 } });
  page = await context.newPage();
});
afterAll(async () => {
  await context.close();
  await harness.stop();
  await feed.stop();
});

it('searches the directory from the case, is warned about a paused service, and refers', async () => {
  await signInAsLinkWorker(page, harness.riverside.url, SEED.linkWorkers[0] ?? '');
  await page.getByRole('heading', { name: 'Caseload' }).waitFor();
  await findInCaseload(page, family, 1);
  await page.getByRole('link', { name: new RegExp(family) }).click();
  await page.getByRole('button', { name: 'Accept referral' }).click();
  // The case is sections; the onward referrals have their own.
  await page
    .getByRole('navigation', { name: 'Case sections' })
    .getByRole('link', { name: 'Onward' })
    .waitFor();
  await openCaseSection(page, 'Onward');
  const onward = page.getByRole('region', { name: 'Onward referrals to community services' });
  await onward.getByRole('search').waitFor();
  await onward.getByLabel('Words').fill('kettle club');
  await onward.getByRole('button', { name: 'Search the directory' }).click();
  await onward.getByText('2 services found.').waitFor();
  expect(await seriousAxeViolations(page)).toEqual([]);

  // The results are the search's two services, one button each.
  const choices = onward.getByRole('list', { name: 'Community service' }).getByRole('button');
  expect(await choices.count()).toBe(2);
  await choices.filter({ hasText: 'Paused Kettle Club' }).click();
  await onward
    .getByRole('alert')
    .getByText(/Paused Kettle Club is paused/)
    .waitFor();
  expect(await onward.locator('#onward-service-detail').textContent()).toMatch(
    /km away[\s\S]*Contact:[\s\S]*Capacity: Paused/,
  );
  const refer = onward.getByRole('button', { name: 'Refer to this service' });
  // Referred without saying the service agreed anyway, the form asks for it and sends nothing.
  await refer.click();
  const problem = onward.getByRole('alert', { name: 'There is a problem' });
  await problem.waitFor();
  expect(await problem.textContent()).toMatch(/Tick to confirm .+ agreed to take this referral/);
  expect(await seriousAxeViolations(page)).toEqual([]);
  await onward.getByLabel(/agreed to take this referral anyway/).check();
  await refer.click();
  await eventually(
    'the onward referral in the case',
    async () => (await onward.getByTestId('onward-state').count()) === 1,
  );
  expect(await onward.getByTestId('onward-state').textContent()).toBe('Awaiting reply');
  expect(await onward.textContent()).toContain('Paused Kettle Club');
  expect(await seriousAxeViolations(page)).toEqual([]);
});

it("lets the service's manager import the directory now and see what the import did", async () => {
  const managerContext = await harness.browser.newContext({
    viewport: { width: 1280, height: 900 },
  });
  const manager = await managerContext.newPage();
  try {
    await signInAsLinkWorker(manager, harness.riverside.url, SEED.serviceManager);
    await manager.getByRole('link', { name: 'Service insights' }).click();
    const panel = manager.getByRole('region', { name: 'Community directory' });
    await panel.getByRole('button', { name: 'Import the directory now' }).click();
    // The feed was imported before: a re-import reads all 40 and changes nothing.
    await panel
      .getByText(
        /services read: 0 new, 0 updated, 40 unchanged, 0 no longer in the feed, 0 refused/,
      )
      .waitFor();
    expect(await seriousAxeViolations(manager)).toEqual([]);
  } finally {
    await managerContext.close();
  }
});
