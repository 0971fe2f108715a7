import { SEED } from '@linkwell/ehr-sandbox';
import { signInAsLinkWorker } from '../e2e-loop/support/browser-steps';
import { startLoopHarness, type LoopHarness } from '../e2e-loop/support/loop-harness';

// The link-worker app in a real browser under the adapter's CSP: it signs in, asks for an access
// token for the adapter's API, sends that (never the ID token), and the page breaks no CSP rule.
let harness: LoopHarness;

beforeAll(async () => {
  harness = await startLoopHarness();
});
afterAll(() => harness.stop());

it('signs in and calls the API with an access token whose aud is the adapter', async () => {
  const context = await harness.browser.newContext();
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const bearers: string[] = [];
  page.on('request', (request) => {
    const header = request.headers().authorization;
    if (request.url().startsWith(`${harness.riverside.url}/api/`) && header !== undefined) {
      bearers.push(header.replace(/^Bearer /, ''));
    }
  });
  await page.goto(harness.riverside.url);
  await signInAsLinkWorker(page, harness.riverside.url, SEED.linkWorkers[0] ?? '');
  await page.getByRole('heading', { name: 'Caseload' }).waitFor();
  expect(bearers.length).toBeGreaterThan(0);
  for (const bearer of bearers) {
    const [header, payload] = bearer
      .split('.')
      .slice(0, 2)
      .map(
        (part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>,
      );
    expect(header?.typ).toBe('at+jwt');
    expect(payload).toMatchObject({
      aud: harness.riverside.url,
      fhirUser: `Practitioner/${SEED.linkWorkers[0] ?? ''}`,
    });
  }
  expect(violations).toEqual([]);
  await context.close();
});
