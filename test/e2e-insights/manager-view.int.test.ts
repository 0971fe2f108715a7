import { SEED } from '@linkwell/ehr-sandbox';
import { insights } from '@linkwell/fhir-server-adapter';
import { describeViolations, seriousAxeViolations } from '../support/axe';
import { handWorkedCases } from '../adapter/insights/insights-cases';
import { signInAsLinkWorker } from '../e2e-loop/support/browser-steps';
import { startLoopHarness, type LoopHarness } from '../e2e-loop/support/loop-harness';

// The manager's view in real Chromium: the service manager (Priya Nair) signs in through the
// sandbox, opens Service insights, sees every section as a chart with its table, filters it, and
// axe finds no serious violation. A link worker has no such entry.
let harness: LoopHarness;

beforeAll(async () => {
  harness = await startLoopHarness();
  await insights.writeSyntheticCases(
    harness.riverside.db,
    handWorkedCases(SEED.linkWorkerService, `e2e-ins-${Date.now().toString(36)}`),
  );
});
afterAll(() => harness.stop());

it('shows the service manager every section, charted and tabled, and filters it', async () => {
  const context = await harness.browser.newContext({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await signInAsLinkWorker(page, harness.riverside.url, SEED.serviceManager);
  await page.getByRole('link', { name: 'Service insights' }).click();
  await page.getByRole('heading', { name: 'Service insights', level: 1 }).waitFor();
  // The hand-worked cases were referred in January and February 2026; referrals other tests made
  // on the shared FHIR server reach this adapter too, so the figures are for those two months.
  await page.getByRole('heading', { name: /^Flow: / }).waitFor();
  await page.getByLabel('Referred from', { exact: true }).fill('2026-01-01');
  await page.getByLabel('Referred to', { exact: true }).fill('2026-02-28');
  await page.getByRole('button', { name: 'Show figures' }).click();
  await page.getByRole('heading', { name: 'Flow: 10 referrals' }).waitFor();
  for (const section of ['Timeliness', 'Support', 'Outcomes', 'Reach and equity']) {
    await page.getByRole('heading', { name: section, level: 2 }).waitFor();
  }
  const practice = page.getByRole('table', { name: 'Referrals by practice' });
  await expect(practice.getByRole('row', { name: 'Riverside Surgery 7' }).count()).resolves.toBe(1);
  await expect(
    practice.getByRole('row', { name: 'Hillside Practice fewer than 5' }).count(),
  ).resolves.toBe(1);
  const outcomes = page.getByRole('table', { name: 'Mean change with 95% confidence interval' });
  await expect(
    outcomes
      .getByRole('row', { name: /UCLA-3 loneliness.* 6 -1\.83 -3\.38 to -0\.29 83%/ })
      .count(),
  ).resolves.toBe(1);
  // Every figure draws its chart (an SVG) beside the table.
  const charts = await page.locator('.lw-figure__chart svg').count();
  expect(charts).toBeGreaterThanOrEqual(10);
  expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);

  await page.getByLabel('Need', { exact: true }).selectOption('loneliness');
  await page.getByRole('button', { name: 'Show figures' }).click();
  await page.getByRole('heading', { name: 'Flow: 6 referrals' }).waitFor();
  await page.getByLabel('Referred from', { exact: true }).fill('2026-02-01');
  await page.getByLabel('Need', { exact: true }).selectOption('');
  await page.getByRole('button', { name: 'Show figures' }).click();
  await page.getByRole('heading', { name: 'Flow: fewer than 5 referrals' }).waitFor();
  expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);

  // An export for the filter in view runs as a job and offers its file when done.
  await page.getByRole('button', { name: 'Research extract (CSV)' }).click();
  await page.getByText(/Research extract \(CSV\) is ready: \d+ cases\./).waitFor();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download' }).click();
  expect((await download).suggestedFilename()).toBe('linkwell-research-extract.csv');
  expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);
  await context.close();
});

it('gives a link worker no Service insights entry', async () => {
  const context = await harness.browser.newContext();
  const page = await context.newPage();
  await signInAsLinkWorker(page, harness.riverside.url, SEED.linkWorkers[0] ?? '');
  await page.getByRole('heading', { name: 'Caseload' }).waitFor();
  expect(await page.getByRole('link', { name: 'Service insights' }).count()).toBe(0);
  await context.close();
});
