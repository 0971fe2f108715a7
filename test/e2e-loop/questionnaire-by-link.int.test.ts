import { chromium, type Browser } from 'playwright-core';
import type { Bundle, QuestionnaireResponse } from 'fhir/r4';
import type { RunningAdapter } from '@linkwell/fhir-server-adapter';
import { api, startTestAdapter } from '../adapter/support/adapter-env';
import { gpReferralTransaction, supportBundle } from '../adapter/support/referral';
import { describeViolations, seriousAxeViolations } from '../support/axe';
import { fhirRequest, uniqueId } from '../support/fhir-http';
import { CHROMIUM_ARGS } from '../e2e-gp/support/gp-harness';

// The person's side of a questionnaire by link, in Debian's Chromium on a phone-sized screen: no
// account, radio groups by touch and keyboard, no serious axe violations, the link works once,
// and the answers reach the case and the FHIR record as self-completed.
const service = uniqueId('svc');
const ids = { patient: uniqueId('pt'), gp: uniqueId('gp'), service, identifier: uniqueId('ref') };
const worker = { practitioner: `Practitioner/${service}-lw` as const, serviceOrg: service };
let adapter: RunningAdapter;
let browser: Browser;
let caseId = '';

beforeAll(async () => {
  expect((await fhirRequest('POST', '', supportBundle(ids, `${service}-walk`))).status).toBe(200);
  expect((await fhirRequest('POST', '', gpReferralTransaction(ids))).status).toBe(200);
  adapter = await startTestAdapter(
    process.env.LINKWELL_TEST_FHIR_BASE ?? '',
    service,
    {},
    { authenticate: () => Promise.resolve(worker) },
  );
  await adapter.inbound.poll();
  caseId = (await adapter.cases.listCases(service))[0]?.id ?? '';
  expect((await api(adapter, 'POST', `/api/cases/${caseId}/accept`)).status).toBe(200);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser.close();
  await adapter.stop();
});

it('is answered on a phone, once, and arrives scored and self-completed', async () => {
  const made = await api<{ url: string }>(
    adapter,
    'POST',
    `/api/cases/${caseId}/questionnaire-links`,
    { instrument: 'ucla3', timing: 'follow-up' },
  );
  expect(made.status).toBe(201);
  const url = `${adapter.url}${new URL(made.body.url).pathname}`;
  const context = await browser.newContext({
    viewport: { width: 375, height: 740 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
  });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('heading', { level: 1 }).waitFor();
  expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);
  // Nothing scrolls sideways on a phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  await page.locator('#lack-companionship-3').tap();
  // A radio group from the keyboard: focus the first choice, arrow to the next.
  await page.locator('#left-out-1').focus();
  await page.keyboard.press('ArrowDown');
  expect(await page.locator('#left-out-2').isChecked()).toBe(true);
  await page.getByRole('button', { name: 'Send my answers' }).tap();
  // The browser's own check stops a form with a question unanswered.
  expect(await page.locator('h1').textContent()).not.toBe('Thank you');
  await page.getByLabel('Often').nth(2).tap();
  await page.getByRole('button', { name: 'Send my answers' }).tap();
  await page.getByRole('heading', { name: 'Thank you' }).waitFor();
  expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);

  await page.goto(url);
  await page.getByRole('heading', { name: 'This link has already been used' }).waitFor();
  expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);
  await context.close();

  await adapter.outbound.run();
  const responses = await fhirRequest<Bundle>(
    'GET',
    `QuestionnaireResponse?subject=Patient/${ids.patient}`,
  );
  const qr = responses.body.entry?.[0]?.resource as QuestionnaireResponse;
  expect(qr.author?.reference).toBe(`Patient/${ids.patient}`);
  expect(qr.item?.map((i) => i.answer?.[0]?.valueCoding?.code)).toEqual(['3', '2', '3']);
});
