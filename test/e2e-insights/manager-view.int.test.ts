import type { BundleEntry, FhirResource } from 'fhir/r4';
import { SEED } from '@linkwell/ehr-sandbox';
import { insights } from '@linkwell/fhir-server-adapter';
import { V3_ACT_CODE } from '@linkwell/profiles';
import { fhirRequest, uniqueId } from '../support/fhir-http';
import { describeViolations, seriousAxeViolations } from '../support/axe';
import { handWorkedCases } from '../adapter/insights/insights-cases';
import { signInAsLinkWorker } from '../e2e-loop/support/browser-steps';
import { startLoopHarness, type LoopHarness } from '../e2e-loop/support/loop-harness';

// The manager's view in real Chromium: the service manager (Priya Nair) signs in through the
// sandbox, opens Service insights, sees every section as a chart with its table, filters it, and
// axe finds no serious violation. A link worker has no such entry.
let harness: LoopHarness;

// Healthcare use: five consented people referred in November 2025, with Encounters in HAPI (two
// GP contacts in the month before referral each; one after for people 1 and 3).
const usePatients = [0, 1, 2, 3, 4].map((i) => uniqueId(`e2e-use-${String(i)}`));
const put = (resource: FhirResource): BundleEntry => ({
  resource,
  request: { method: 'PUT', url: `${resource.resourceType}/${resource.id ?? ''}` },
});
const gpContact = (patient: string, id: string, day: string): FhirResource => ({
  resourceType: 'Encounter',
  id: `${patient}-${id}`,
  status: 'finished',
  class: { system: V3_ACT_CODE, code: 'AMB' },
  type: [{ coding: [{ system: 'http://snomed.info/sct', code: '185349003' }] }],
  subject: { reference: `Patient/${patient}` },
  period: { start: `${day}T10:00:00Z` },
});

async function seedHealthcareUse(): Promise<void> {
  const written = await fhirRequest('POST', '', {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: usePatients.flatMap((patient, i) => [
      put({ resourceType: 'Patient', id: patient, name: [{ family: 'Test' }] }),
      put(gpContact(patient, 'a', '2025-10-01')),
      put(gpContact(patient, 'b', '2025-10-20')),
      ...(i % 2 === 1 ? [put(gpContact(patient, 'c', '2025-12-10'))] : []),
    ]),
  });
  expect(written.status).toBe(200);
  await insights.writeSyntheticCases(
    harness.riverside.db,
    usePatients.map((patient, i): insights.SyntheticCase => ({
      id: `${patient}-case`,
      serviceOrg: SEED.linkWorkerService,
      taskId: `${patient}-task`,
      referralRef: `ServiceRequest/${patient}`,
      patientRef: `Patient/${patient}`,
      status: 'in-progress',
      receivedAt: `2025-11-0${String(i + 1)}T10:00:00.000Z`,
      facts: {
        referredAt: `2025-11-0${String(i + 1)}T10:00:00.000Z`,
        practice: 'Riverside Surgery',
        needs: ['loneliness'],
        birthDate: undefined,
        sex: undefined,
        ethnicity: undefined,
        postcode: undefined,
      },
      consent: 'shared',
    })),
  );
}

beforeAll(async () => {
  harness = await startLoopHarness();
  await insights.writeSyntheticCases(
    harness.riverside.db,
    handWorkedCases(SEED.linkWorkerService, `e2e-ins-${Date.now().toString(36)}`),
  );
  await seedHealthcareUse();
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
  // Timeliness counts referrals; reach counts referrals and, for outcomes, people.
  const days = page.getByRole('table', { name: 'Days from referral' });
  await expect(days.getByRole('columnheader', { name: 'Referrals' }).count()).resolves.toBe(1);
  const bySex = page.getByRole('table', { name: 'Referrals by sex' });
  await expect(bySex.getByRole('row', { name: 'female 6 6 6' }).count()).resolves.toBe(1);
  await expect(
    bySex.getByRole('columnheader', { name: 'People with baseline and follow-up' }).count(),
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

it('shows healthcare use before and after, read from the GP record on request', async () => {
  const context = await harness.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signInAsLinkWorker(page, harness.riverside.url, SEED.serviceManager);
  await page.getByRole('link', { name: 'Service insights' }).click();
  await page.getByRole('heading', { name: /^Flow: / }).waitFor();
  await page.getByLabel('Referred from', { exact: true }).fill('2025-11-01');
  await page.getByLabel('Referred to', { exact: true }).fill('2025-11-30');
  await page.getByRole('button', { name: 'Show figures' }).click();
  await page.getByRole('heading', { name: 'Flow: 5 referrals' }).waitFor();
  const section = page.getByRole('region', { name: 'Healthcare use before and after referral' });
  await section.getByRole('heading', { name: 'How each Encounter is classified' }).waitFor();
  const rules = section.getByRole('list', { name: 'How each Encounter is classified' });
  expect(await rules.getByRole('listitem').count()).toBe(6);
  await section.getByRole('button', { name: 'Read Encounters from the GP record' }).click();
  await section.getByText(/Encounters last read/).waitFor();
  // Before: 2 each; after: 0, 1, 0, 1, 0. Differences -2, -1, -2, -1, -2: mean -1.60, SD 0.548,
  // 95% CI -1.60 ± 2.776 × 0.548 / √5 = -2.28 to -0.92.
  const means = section.getByRole('table', { name: 'Mean per person before and after referral' });
  await means.getByRole('row', { name: /^GP contacts, 6 months 5 5 2\.00 0\.40$/ }).waitFor();
  const paired = section.getByRole('table', {
    name: 'Paired difference with 95% confidence interval',
  });
  await expect(
    paired.getByRole('row', { name: /^GP contacts, 6 months 5 -1\.60 -2\.28 to -0\.92$/ }).count(),
  ).resolves.toBe(1);
  await expect(
    paired.getByRole('row', { name: /^Emergency attendances, 12 months 5 \+?0\.00/ }).count(),
  ).resolves.toBe(1);
  const practice = section.getByRole('table', { name: 'Healthcare use by practice' });
  await expect(
    practice.getByRole('row', { name: /^Riverside Surgery GP contacts, 12 months 5 5/ }).count(),
  ).resolves.toBe(1);
  expect(await section.locator('.lw-figure__chart svg').count()).toBeGreaterThanOrEqual(3);
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
