import { randomBytes } from 'node:crypto';
import type { Bundle, Task } from 'fhir/r4';
import type { BrowserContext, Page } from 'playwright-core';
import { SEED } from '@linkwell/ehr-sandbox';
import { describeViolations } from '../support/axe';
import { fhirRequest } from '../support/fhir-http';
import { seriousAxeViolations, signInAsLinkWorker } from './support/browser-steps';
import { putPatient } from './support/gp-record';
import { startLoopHarness, type LoopHarness } from './support/loop-harness';

// A self-referral in Debian's Chromium: a Riverside link worker opens "New referral" from the
// caseload, records where it came from, finds the person on the GP record through the adapter's
// Backend Services search (two people of one name and birth date, told apart by postcode), records
// what they agreed to, and the case opens with its source; the service's own Task is on the EHR.
// Each screen is checked with axe-core.
jest.setTimeout(240_000);

const family = `Self${randomBytes(6)
  .toString('hex')
  .replace(/\d/g, (d) => 'abcdefghij'[Number(d)] ?? 'x')}`;
const patientId = `e2e-self-${randomBytes(4).toString('hex')}`;
const namesake = `${patientId}-b`;
let harness: LoopHarness;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  harness = await startLoopHarness();
  await putPatient(patientId, 'Nia', family, { birthDate: '1957-07-07' });
  await putPatient(namesake, 'Nia', family, { birthDate: '1957-07-07' });
  for (const [id, postcode] of [
    [patientId, 'ZZ1 4DD'],
    [namesake, 'ZZ1 8HH'],
  ] as const) {
    const patient = (await fhirRequest<Record<string, unknown>>('GET', `Patient/${id}`)).body;
    await fhirRequest('PUT', `Patient/${id}`, { ...patient, address: [{ postalCode: postcode }] });
  }
  context = await harness.browser.newContext({ viewport: { width: 1024, height: 768 } });
  page = await context.newPage();
});

afterAll(async () => {
  await context.close();
  await harness.stop();
});

it('a link worker records a self-referral of a registered person', async () => {
  await signInAsLinkWorker(page, harness.riverside.url, SEED.linkWorkers[0] ?? '');
  await page.getByRole('heading', { name: 'Caseload' }).waitFor();
  await page.getByRole('link', { name: 'New referral' }).click();
  await page.getByRole('heading', { name: 'New referral' }).waitFor();
  expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);

  await page.getByLabel('Self-referral').check();
  await page.getByLabel('How they heard about the service').fill('A leaflet at the pharmacy');
  await page.getByLabel('Reason for the referral').fill('Lonely since her husband died');
  await page.getByLabel('Bereavement').check();
  await page.getByLabel('Given name').fill('Nia');
  await page.getByLabel('Family name').fill(family);
  await page.getByLabel('Date of birth').fill('1957-07-07');
  await page.getByRole('button', { name: 'Search the record' }).click();
  await page.getByText('2 on the record match').waitFor();
  expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);
  await page.getByLabel(/ZZ1 4DD/).check();
  await page.getByLabel(/keeping their details/).check();
  await page.getByLabel('Yes').check();
  await page.getByRole('button', { name: 'Open the case' }).click();

  await page.getByRole('heading', { name: 'Referred by' }).waitFor();
  expect(await page.getByRole('region', { name: 'Referred by' }).textContent()).toContain(
    'Self-referral',
  );
  expect(await page.getByRole('region', { name: 'Referred by' }).textContent()).toContain(
    'Lonely since her husband died',
  );
  expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);

  // The service's own referral is on the EHR for the chosen person only, owned by Riverside.
  const tasks = async (id: string): Promise<Task[]> =>
    ((await fhirRequest<Bundle>('GET', `Task?patient=Patient/${id}`)).body.entry ?? []).map(
      (e) => e.resource as Task,
    );
  const [task] = await tasks(patientId);
  expect(task?.owner?.reference).toBe(`Organization/${SEED.linkWorkerService}`);
  expect(await tasks(namesake)).toEqual([]);

  // It works like any other case: accept it.
  await page
    .getByRole('button', { name: /^Accept/ })
    .first()
    .click();
  await page
    .getByText(/accepted/i)
    .first()
    .waitFor();
});
