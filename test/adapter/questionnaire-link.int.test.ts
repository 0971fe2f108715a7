import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle, Observation, QuestionnaireResponse } from 'fhir/r4';
import { loadOrCreateLinkKey, signLink, type RunningAdapter } from '@linkwell/fhir-server-adapter';
import { fhirRequest, uniqueId } from '../support/fhir-http';
import { api, startTestAdapter } from './support/adapter-env';
import { gpReferralTransaction, supportBundle } from './support/referral';

// Questionnaires by one-time link against the run's real HAPI: the person answers on a page with
// no account; the answers arrive scored and self-completed; a link works once, expires, and an
// altered link is refused.
const service = uniqueId('svc');
const ids = { patient: uniqueId('pt'), gp: uniqueId('gp'), service, identifier: uniqueId('ref') };
const worker = { practitioner: `Practitioner/${service}-lw` as const, serviceOrg: service };
const dataDir = mkdtempSync(join(tmpdir(), 'linkwell-links-'));
let adapter: RunningAdapter;
let caseId = '';

interface Link {
  id: string;
  url: string;
  qr: string;
  expiresAt: string;
}

/** The link's path on this adapter (the link names the public URL). */
const local = (url: string): string => `${adapter.url}${new URL(url).pathname}`;
const form = (answers: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(answers).toString(),
});
const UCLA3 = { 'lack-companionship': '3', 'left-out': '2', isolated: '3' };

async function newLink(): Promise<Link> {
  const made = await api<Link>(adapter, 'POST', `/api/cases/${caseId}/questionnaire-links`, {
    instrument: 'ucla3',
    timing: 'follow-up',
  });
  expect(made.status).toBe(201);
  return made.body;
}

beforeAll(async () => {
  expect((await fhirRequest('POST', '', supportBundle(ids, `${service}-walk`))).status).toBe(200);
  expect((await fhirRequest('POST', '', gpReferralTransaction(ids))).status).toBe(200);
  adapter = await startTestAdapter(
    process.env.LINKWELL_TEST_FHIR_BASE ?? '',
    service,
    { ADAPTER_DATA_DIR: dataDir },
    { authenticate: () => Promise.resolve(worker) },
  );
  await adapter.inbound.poll();
  caseId = (await adapter.cases.listCases(service))[0]?.id ?? '';
  expect((await api(adapter, 'POST', `/api/cases/${caseId}/accept`)).status).toBe(200);
});
afterAll(() => adapter.stop());

describe('questionnaires by link', () => {
  it('makes a link with a QR code, and refuses a link it cannot make', async () => {
    const link = await newLink();
    expect(link.url).toMatch(/\/q\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(
      Buffer.from(link.qr.replace(/^data:image\/svg\+xml;base64,/, ''), 'base64').toString(),
    ).toContain('<svg');
    const path = `/api/cases/${caseId}/questionnaire-links`;
    expect(
      (await api(adapter, 'POST', path, { instrument: 'phq9', timing: 'follow-up' })).status,
    ).toBe(400);
    expect(
      (
        await api(adapter, 'POST', path, {
          instrument: 'ucla3',
          timing: 'follow-up',
          validDays: 99,
        })
      ).status,
    ).toBe(400);
  });

  it('takes the answers once, scored and self-completed, and sends them to the record', async () => {
    const link = await newLink();
    const page = await fetch(local(link.url));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('How often do you feel left out?');
    expect(html).toContain('type="radio"');

    const missing = await fetch(local(link.url), form({ 'left-out': '2' }));
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('There is a problem');

    const sent = await fetch(local(link.url), form(UCLA3));
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain('Thank you');

    const again = await fetch(local(link.url), form(UCLA3));
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('already been used');
    expect((await fetch(local(link.url))).status).toBe(410);

    const record = await api<{ questionnaires: { instrument: string; linkWorker: string }[] }>(
      adapter,
      'GET',
      `/api/cases/${caseId}`,
    );
    expect(record.body.questionnaires).toEqual([
      expect.objectContaining({ instrument: 'ucla3', linkWorker: `Patient/${ids.patient}` }),
    ]);
    await adapter.outbound.run();
    const responses = await fhirRequest<Bundle>(
      'GET',
      `QuestionnaireResponse?subject=Patient/${ids.patient}`,
    );
    const qr = responses.body.entry?.[0]?.resource as QuestionnaireResponse;
    expect(qr.author?.reference).toBe(`Patient/${ids.patient}`);
    expect(qr.source?.reference).toBe(`Patient/${ids.patient}`);
    const observations = await fhirRequest<Bundle>(
      'GET',
      `Observation?subject=Patient/${ids.patient}`,
    );
    const total = observations.body.entry
      ?.map((e) => e.resource as Observation)
      .find((o) => o.code.coding?.some((c) => c.code === 'ucla3-total'));
    expect(total?.valueInteger).toBe(8);
    expect(total?.performer?.[0]?.reference).toBe(`Patient/${ids.patient}`);
  });

  it('refuses an altered link and an expired one', async () => {
    const link = await newLink();
    const [head, token = ''] = local(link.url).split('/q/');
    const [payload = '', signature = ''] = token.split('.');
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    expect((await fetch(`${head}/q/${payload}.${flipped}`)).status).toBe(404);
    const otherPayload = Buffer.from(JSON.stringify({ id: link.id, exp: 4102444800 })).toString(
      'base64url',
    );
    const altered = await fetch(`${head}/q/${otherPayload}.${signature}`, form(UCLA3));
    expect(altered.status).toBe(404);
    expect(await altered.text()).toContain('This link does not work');

    const key = loadOrCreateLinkKey(join(dataDir, 'keys'));
    const expired = signLink(key, { id: link.id, exp: Math.floor(Date.now() / 1000) - 60 });
    const late = await fetch(`${head}/q/${expired}`, form(UCLA3));
    expect(late.status).toBe(410);
    expect(await late.text()).toContain('expired');

    const stale = await newLink();
    await adapter.db.query(
      "UPDATE questionnaire_links SET expires_at = now() - interval '1 minute' WHERE id = $1",
      [stale.id],
    );
    expect((await fetch(local(stale.url), form(UCLA3))).status).toBe(410);
    const record = await api<{ questionnaires: unknown[] }>(adapter, 'GET', `/api/cases/${caseId}`);
    expect(record.body.questionnaires).toHaveLength(1);
  });
});
