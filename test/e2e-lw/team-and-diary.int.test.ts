import type { BrowserContext, Page } from 'playwright-core';
import { SEED } from '@linkwell/ehr-sandbox';
import {
  eventually,
  openCaseSection,
  seriousAxeViolations,
  signInAsLinkWorker,
} from '../e2e-loop/support/browser-steps';
import { startLoopHarness, type LoopHarness } from '../e2e-loop/support/loop-harness';
import { lettersOnlyFamily, referNewPatient } from './support/episode-referral';

// The team caseload and the diary in Debian's Chromium: Sam Carter accepts a case and hands it to
// Aisha Begum (names, never ids), books a meeting and is refused a double booking, sees it in the
// day view of the diary; Aisha, on a phone, finds it among her cases, read as cards with nothing
// scrolling sideways. axe on each new screen.
jest.setTimeout(240_000);

let harness: LoopHarness;
let desk: BrowserContext;
let phone: BrowserContext;
let page: Page;
const family = lettersOnlyFamily('Team');
const patientName = `Ada ${family}`;
const [carter, , begum] = SEED.linkWorkers;

/** Tomorrow at a time, as a `datetime-local` value on this machine's clock (the browser's too). */
function tomorrowAt(hour: number, minute = 0): string {
  const at = new Date(Date.now() + 86_400_000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(hour)}:${pad(minute)}`;
}

async function findCase(p: Page): Promise<void> {
  await eventually(`${patientName} in the caseload`, async () => {
    await p.reload();
    await p.getByLabel('Search by name').fill(family);
    return (await p.getByRole('link', { name: patientName }).count()) === 1;
  });
}

beforeAll(async () => {
  harness = await startLoopHarness();
  await referNewPatient('Ada', family);
  desk = await harness.browser.newContext({ viewport: { width: 1280, height: 800 } });
  phone = await harness.browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  page = await desk.newPage();
});
afterAll(async () => {
  await desk.close();
  await phone.close();
  await harness.stop();
});

it('hands an accepted case to a colleague, by name, and records who did it', async () => {
  await signInAsLinkWorker(page, harness.riverside.url, carter ?? '');
  await page.getByRole('heading', { name: 'Caseload' }).waitFor();
  await findCase(page);
  await page.getByRole('link', { name: patientName }).click();
  await page.getByRole('button', { name: 'Accept referral' }).click();
  const team = page.getByRole('region', { name: 'Team' });
  await team.getByLabel('Hand the case to').selectOption({ label: 'Aisha Begum' });
  await team.getByRole('button', { name: 'Hand over' }).click();
  await team.getByText(/handed to Aisha Begum by You/).waitFor();
  // The team's history and the case banner reload separately: the banner may follow a moment later.
  await eventually('the banner to name the new holder', async () =>
    ((await page.getByLabel('Case summary').textContent()) ?? '').includes('Held by Aisha Begum'),
  );
  expect(await page.getByRole('main').textContent()).not.toMatch(/lw-lw-|Practitioner\//);
  expect(await seriousAxeViolations(page)).toEqual([]);
});

it('books a meeting, refuses a double booking with a clear reason, and shows the day', async () => {
  await openCaseSection(page, 'Diary');
  const diary = page.getByRole('region', { name: 'Diary' });
  await diary.getByLabel('When', { exact: true }).fill(tomorrowAt(9));
  await diary.getByLabel('Where (optional)').fill('Riverside library');
  await diary.getByRole('button', { name: 'Book', exact: true }).click();
  await diary.getByRole('button', { name: 'Did not attend' }).waitFor();
  await diary.getByLabel('When', { exact: true }).fill(tomorrowAt(9, 15));
  await diary.getByRole('group', { name: 'How', exact: true }).getByLabel('Phone call').check();
  await diary.getByRole('button', { name: 'Book', exact: true }).click();
  const refusal = diary.getByRole('alert', { name: 'There is a problem' });
  await refusal.waitFor();
  expect(await refusal.textContent()).toMatch(/already booked in Sam Carter’s diary/);
  // The adapter's refusal names its field (start): the error summary takes the focus and links to
  // the time, which is marked and says the same beside it.
  expect(await refusal.evaluate((box) => box === document.activeElement)).toBe(true);
  const toWhen = refusal.getByRole('link', { name: /already booked in Sam Carter’s diary/ });
  expect(await toWhen.getAttribute('href')).toBe('#book-when');
  const when = diary.getByLabel('When', { exact: true });
  expect(await when.getAttribute('aria-invalid')).toBe('true');
  expect(await diary.locator('#book-when-error').textContent()).toMatch(
    /^Error: .*already booked in Sam Carter’s diary/,
  );
  await toWhen.click();
  expect(await when.evaluate((input) => input === document.activeElement)).toBe(true);
  expect(await diary.getByRole('button', { name: 'Did not attend' }).count()).toBe(1);
  expect(await seriousAxeViolations(page)).toEqual([]);

  await page.getByRole('link', { name: 'Diary', exact: true }).first().click();
  await page.getByRole('heading', { name: 'Diary', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Next day' }).click();
  const entry = page.getByRole('link', { name: patientName });
  await entry.waitFor();
  expect(await page.getByRole('main').textContent()).toContain('Riverside library');
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.getByLabel('Week').check();
  await page.getByRole('heading', { level: 2 }).nth(6).waitFor();
  expect(await page.getByRole('heading', { level: 2 }).count()).toBe(7);
});

it('the colleague finds it among her cases on a phone, as cards, nothing scrolling sideways', async () => {
  const mine = await phone.newPage();
  await signInAsLinkWorker(mine, harness.riverside.url, begum ?? '');
  await mine.getByRole('heading', { name: 'Caseload' }).waitFor();
  await findCase(mine);
  await mine.getByLabel('Show').selectOption('mine');
  const link = mine.getByRole('link', { name: patientName });
  await link.waitFor();
  const width = await mine.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(width.scroll).toBeLessThanOrEqual(width.client);
  // A card: the cells stack, each with its label.
  const card = mine.locator('tr', { has: link });
  const [cardBox, linkBox] = [await card.boundingBox(), await link.boundingBox()];
  expect(cardBox?.width ?? 0).toBeLessThanOrEqual(390);
  expect((cardBox?.height ?? 0) > (linkBox?.height ?? 0) * 3).toBe(true);
  expect(await card.textContent()).toContain('You');
  expect(await seriousAxeViolations(mine)).toEqual([]);
});

it('on a desk the caseload is a table naming who holds each case', async () => {
  await page.getByRole('link', { name: 'Caseload', exact: true }).click();
  await page.getByLabel('Search by name').fill(family);
  const row = page.getByRole('row', { name: new RegExp(family) });
  expect(await row.textContent()).toContain('Aisha Begum');
  expect(await page.getByRole('columnheader', { name: 'Link worker' }).count()).toBe(1);
});
