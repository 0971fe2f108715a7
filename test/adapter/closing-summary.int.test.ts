import type { Bundle, DocumentReference } from 'fhir/r4';
import { LINKWELL_IDENTIFIER_SYSTEMS, closingSummaryLetter } from '@linkwell/profiles';
import type { RunningAdapter } from '@linkwell/fhir-server-adapter';
import { fhirRequest, uniqueId } from '../support/fhir-http';
import { api, startTestAdapter } from './support/adapter-env';
import { gpReferralTransaction, supportBundle } from './support/referral';

// The message back to the GP: when a case closes the record receives one closing summary that
// validates against linkwell-closing-summary on HAPI, with the reason, goals and outcome changes.
const service = uniqueId('sum');
const patient = uniqueId('pt');
const gp = uniqueId('gp');
const lw = `Practitioner/${service}-lw` as const;
let adapter: RunningAdapter;

const swemwbs = (n: number) =>
  Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((i) => [`swemwbs-${i}`, n]));

async function summariesOf(caseId: string): Promise<DocumentReference[]> {
  const found = await fhirRequest<Bundle>(
    'GET',
    `DocumentReference?identifier=${LINKWELL_IDENTIFIER_SYSTEMS.closingSummary}|${caseId}`,
  );
  return (found.body.entry ?? []).map((e) => e.resource as DocumentReference);
}

async function validate(doc: DocumentReference): Promise<{ severity: string }[]> {
  const profile = encodeURIComponent(doc.meta?.profile?.[0] ?? '');
  const outcome = await fhirRequest<{ issue: { severity: string; diagnostics?: string }[] }>(
    'POST',
    `DocumentReference/$validate?profile=${profile}`,
    doc,
  );
  return outcome.body.issue.filter((i) => i.severity === 'error');
}

async function newCase(): Promise<string> {
  const identifier = uniqueId('ref');
  const posted = await fhirRequest(
    'POST',
    '',
    gpReferralTransaction({ patient, gp, service, identifier }),
  );
  expect(posted.status).toBe(200);
  await adapter.inbound.poll();
  const found = (await adapter.cases.listCases(service)).find(
    (c) => c.task?.identifier?.[0]?.value === identifier,
  );
  if (found === undefined) throw new Error('the referral did not become a case');
  return found.id;
}

beforeAll(async () => {
  await fhirRequest('POST', '', supportBundle({ patient, gp, service }, `${service}-walk`));
  await fhirRequest('PUT', `Organization/${service}`, {
    resourceType: 'Organization',
    id: service,
    name: 'Riverside Link Workers',
    telecom: [{ system: 'phone', value: '01632 960123' }],
  });
  adapter = await startTestAdapter(
    process.env.LINKWELL_TEST_FHIR_BASE ?? '',
    service,
    {},
    {
      authenticate: () => Promise.resolve({ practitioner: lw, serviceOrg: service }),
    },
  );
});
afterAll(() => adapter.stop());

describe('closing summary', () => {
  it('is written once on discharge, validates on HAPI, and its letter tells the GP what happened', async () => {
    const caseId = await newCase();
    const path = `/api/cases/${caseId}`;
    expect((await api(adapter, 'POST', `${path}/accept`)).status).toBe(200);
    for (const [method, outcome] of [
      ['phone', 'no-answer'],
      ['in-person', 'reached'],
    ] as const)
      expect(
        (await api(adapter, 'POST', `${path}/contact-attempts`, { method, outcome })).status,
      ).toBe(201);
    expect(
      (
        await api(adapter, 'POST', `${path}/goals`, {
          description: 'Get to the allotment on Saturdays',
        })
      ).status,
    ).toBe(201);
    for (const [timing, n, authored] of [
      ['baseline', 2, '2025-03-05T10:00:00Z'],
      ['follow-up', 4, '2025-06-05T10:00:00Z'],
    ] as const)
      expect(
        (
          await api(adapter, 'POST', `${path}/questionnaires`, {
            instrument: 'swemwbs',
            timing,
            answers: swemwbs(n),
            authored,
          })
        ).status,
      ).toBe(201);
    const discharged = await api(adapter, 'POST', `${path}/discharge`, {
      outcome: 'discharged',
      reason: 'Goals met: she now goes to the allotment every week',
      gpActions: 'Please review her pain relief',
    });
    expect(discharged.status).toBe(200);
    expect(await adapter.outbound.run()).toMatchObject({ held: 0, stalled: false });

    const [doc, ...more] = await summariesOf(caseId);
    expect(more).toHaveLength(0);
    if (doc === undefined) throw new Error('no closing summary on HAPI');
    expect(await validate(doc)).toEqual([]);
    expect(doc.subject?.reference).toBe(`Patient/${patient}`);
    expect(doc.author?.map((a) => a.display)).toEqual(['Worker', 'Riverside Link Workers']);
    const letter = closingSummaryLetter(doc)?.text ?? '';
    expect(letter).toContain('Goals met: she now goes to the allotment every week');
    expect(letter).toContain('2 contact attempts, 1 conversations, 1 meetings');
    expect(letter).toContain('Get to the allotment on Saturdays: active');
    expect(letter).toMatch(/Well-being Scale score: 15\.32 → 25\.03, better by 9\.71/);
    expect(letter).toContain('Please review her pain relief');
    expect(letter).toContain('01632 960123');
    const related = (doc.context?.related ?? []).map((r) => r.reference?.split('/')[0]);
    expect(related).toEqual(
      expect.arrayContaining(['ServiceRequest', 'Task', 'Goal', 'Observation']),
    );
    const provenance = await fhirRequest<Bundle>(
      'GET',
      `Provenance?target=DocumentReference/${String(doc.id)}`,
    );
    expect(provenance.body.entry).toHaveLength(1);

    // Idempotent: a re-run (or a repeated summary change) writes nothing.
    await adapter.db.query(
      "INSERT INTO outbox (case_id, kind, record_id, link_worker, created_at) VALUES ($1, 'summary', $1, $2, now())",
      [caseId, lw],
    );
    expect(await adapter.outbound.run()).toMatchObject({ requests: 0, written: 0 });
    expect(await summariesOf(caseId)).toHaveLength(1);
  });

  it('is written when a referral is rejected at triage, and validates', async () => {
    const caseId = await newCase();
    const rejected = await api(adapter, 'POST', `/api/cases/${caseId}/reject`, {
      reason: 'outside-area',
    });
    expect(rejected.status).toBe(200);
    await adapter.outbound.run();
    const [doc] = await summariesOf(caseId);
    if (doc === undefined) throw new Error('no closing summary on HAPI');
    expect(await validate(doc)).toEqual([]);
    expect(doc.description).toBe('Not accepted: Outside the service area');
    expect(closingSummaryLetter(doc)?.text).toContain('Nothing is asked of the practice.');
  });
});
