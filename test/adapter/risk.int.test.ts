import { randomUUID } from 'node:crypto';
import type { Bundle, Flag, ServiceRequest } from 'fhir/r4';
import type { RunningAdapter } from '@linkwell/fhir-server-adapter';
import { RISK_URLS } from '@linkwell/profiles';
import { referralTransaction } from '@linkwell/smart-app';
import { fhirRequest, uniqueId } from '../support/fhir-http';
import { api, startTestAdapter } from './support/adapter-env';
import { supportBundle } from './support/referral';

// Risk and safeguarding against the run's real HAPI: the GP's referral carries risk Flags and
// communication needs (validated by HAPI against our profiles), the adapter ingests them, the link
// worker records and reviews risks, and one the GP should know about goes back as a Flag only
// when the person agreed to write-back.
const service = uniqueId('svc');
const gp = uniqueId('gp');
const patients = { consenting: uniqueId('pt'), noWriteBack: uniqueId('pt') };
const worker = { practitioner: `Practitioner/${service}-lw` as const, serviceOrg: service };
let adapter: RunningAdapter;
const caseOf: Record<string, string> = {};

interface RiskRow {
  id: string;
  type: string;
  detail?: string;
  status: string;
  source: string;
  shareWithGp: boolean;
}

function referral(patient: string, writeBack: boolean): Bundle {
  return referralTransaction({
    referralId: randomUUID(),
    patientId: patient,
    requester: `Practitioner/${gp}`,
    now: '2025-03-01T09:30:00Z',
    newUuid: randomUUID,
    draft: {
      needs: ['social-isolation'],
      otherNeeds: '',
      whatMatters: '',
      priority: 'routine',
      consentToShare: true,
      consentToWriteBack: writeBack,
      contactPreferences: [],
      service: `Organization/${service}`,
      risks: [
        { type: 'lone-working', detail: 'Large dog; meet at the practice' },
        { type: 'other-agency', detail: 'Adult social care duty team' },
      ],
      communication: {
        language: 'pl',
        interpreterNeeded: true,
        adjustments: ['large-print'],
        detail: 'Daughter Anna helps on the phone',
      },
    },
  });
}

const flagsFor = async (patient: string): Promise<Flag[]> =>
  ((await fhirRequest<Bundle>('GET', `Flag?subject=Patient/${patient}`)).body.entry ?? []).map(
    (e) => e.resource as Flag,
  );

beforeAll(async () => {
  for (const patient of Object.values(patients)) {
    const ids = { patient, gp, service };
    expect((await fhirRequest('POST', '', supportBundle(ids, `${service}-walk`))).status).toBe(200);
  }
  const sent = await fhirRequest<Bundle>('POST', '', referral(patients.consenting, true));
  expect(sent.status).toBe(200);
  expect((await fhirRequest('POST', '', referral(patients.noWriteBack, false))).status).toBe(200);
  adapter = await startTestAdapter(
    process.env.LINKWELL_TEST_FHIR_BASE ?? '',
    service,
    {},
    { authenticate: () => Promise.resolve(worker) },
  );
  await adapter.inbound.poll();
  for (const c of await adapter.cases.listCases(service)) {
    caseOf[(c.patientRef ?? '').replace('Patient/', '')] = c.id;
  }
});
afterAll(() => adapter.stop());

describe('risk and safeguarding', () => {
  it('the GP referral carries Flags and communication needs that HAPI holds as profiled', async () => {
    const flags = await flagsFor(patients.consenting);
    expect(flags.map((f) => f.code.coding?.[0]?.code).sort()).toEqual([
      'lone-working',
      'other-agency',
    ]);
    expect(flags[0]?.meta?.profile).toEqual([RISK_URLS.riskFlag]);
    const referrals = await fhirRequest<Bundle>(
      'GET',
      `ServiceRequest?subject=Patient/${patients.consenting}`,
    );
    const sr = referrals.body.entry?.[0]?.resource as ServiceRequest;
    expect(sr.supportingInfo?.filter((s) => s.reference?.startsWith('Flag/'))).toHaveLength(2);
    expect(sr.extension?.some((e) => e.url === RISK_URLS.communicationNeeds)).toBe(true);
  });

  it('ingests the referral’s risks and communication needs into the case, once', async () => {
    const caseId = caseOf[patients.consenting] ?? '';
    await adapter.inbound.poll();
    const got = await api<{ risks: RiskRow[]; communication: { needs: unknown; source: string } }>(
      adapter,
      'GET',
      `/api/cases/${caseId}/risks`,
    );
    expect(got.status).toBe(200);
    expect(got.body.risks.map((r) => [r.type, r.detail, r.source, r.status]).sort()).toEqual([
      ['lone-working', 'Large dog; meet at the practice', 'referral', 'active'],
      ['other-agency', 'Adult social care duty team', 'referral', 'active'],
    ]);
    expect(got.body.communication).toMatchObject({
      source: 'referral',
      needs: {
        language: { code: 'pl', display: 'Polish' },
        interpreterNeeded: true,
        adjustments: ['large-print'],
        detail: 'Daughter Anna helps on the phone',
      },
    });
  });

  it('sends a risk the GP should know back as a Flag, and marks it inactive when resolved', async () => {
    const caseId = caseOf[patients.consenting] ?? '';
    const added = await api<RiskRow>(adapter, 'POST', `/api/cases/${caseId}/risks`, {
      type: 'safeguarding-adult',
      detail: 'Neighbour takes her pension; safeguarding referral made 3 March',
      shareWithGp: true,
    });
    expect(added.status).toBe(201);
    await adapter.outbound.run();
    const sent = (await flagsFor(patients.consenting)).filter((f) =>
      f.identifier?.some((i) => i.value === added.body.id),
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      status: 'active',
      code: { coding: [{ code: 'safeguarding-adult' }] },
      author: { reference: worker.practitioner },
    });
    const reviewed = await api<RiskRow>(
      adapter,
      'POST',
      `/api/cases/${caseId}/risks/${added.body.id}/review`,
      { status: 'resolved' },
    );
    expect(reviewed.body.status).toBe('resolved');
    await adapter.outbound.run();
    const after = (await flagsFor(patients.consenting)).filter((f) =>
      f.identifier?.some((i) => i.value === added.body.id),
    );
    expect(after).toHaveLength(1);
    expect(after[0]?.status).toBe('inactive');
    expect(after[0]?.period?.end).toBeDefined();
    const unshare = await api(
      adapter,
      'POST',
      `/api/cases/${caseId}/risks/${added.body.id}/review`,
      {
        status: 'resolved',
        shareWithGp: false,
      },
    );
    expect(unshare.status).toBe(409);
  });

  it('keeps a risk in the service when the person did not agree to write-back', async () => {
    const caseId = caseOf[patients.noWriteBack] ?? '';
    const before = (await flagsFor(patients.noWriteBack)).length;
    const refused = await api<{ error: { code: string } }>(
      adapter,
      'POST',
      `/api/cases/${caseId}/risks`,
      { type: 'lone-working', detail: 'Lives with a violent partner', shareWithGp: true },
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('no-consent');
    const kept = await api<RiskRow>(adapter, 'POST', `/api/cases/${caseId}/risks`, {
      type: 'lone-working',
      detail: 'Lives with a violent partner',
    });
    expect(kept.status).toBe(201);
    await adapter.outbound.run();
    expect(await flagsFor(patients.noWriteBack)).toHaveLength(before);
    const risks = await api<{ risks: RiskRow[] }>(adapter, 'GET', `/api/cases/${caseId}/risks`);
    expect(risks.body.risks).toHaveLength(3);
  });

  it('refuses bad input with the field named, and writes nothing', async () => {
    const caseId = caseOf[patients.consenting] ?? '';
    const count = async () =>
      (await api<{ risks: RiskRow[] }>(adapter, 'GET', `/api/cases/${caseId}/risks`)).body.risks
        .length;
    const before = await count();
    const bad = [
      { type: 'dangerous-dog' },
      { type: 'other-agency' },
      { type: 'lone-working', shareWithGp: 'yes' },
      { type: 'lone-working', detail: 'x'.repeat(1001) },
    ];
    for (const body of bad) {
      const answer = await api<{ error: { field: string } }>(
        adapter,
        'POST',
        `/api/cases/${caseId}/risks`,
        body,
      );
      expect(answer.status).toBe(400);
    }
    expect(await count()).toBe(before);
    expect(
      (
        await api(adapter, 'POST', `/api/cases/${caseId}/risks/not-an-id/review`, {
          status: 'resolved',
        })
      ).status,
    ).toBe(400);
    expect(
      (await api(adapter, 'PUT', `/api/cases/${caseId}/communication`, { language: 'Polish!' }))
        .status,
    ).toBe(400);
    expect(
      (await api(adapter, 'PUT', `/api/cases/${caseId}/communication`, { interpreterNeeded: true }))
        .status,
    ).toBe(400);
    const updated = await api<{ source: string; needs: { adjustments: string[] } }>(
      adapter,
      'PUT',
      `/api/cases/${caseId}/communication`,
      { language: 'pl', interpreterNeeded: true, adjustments: ['easy-read', 'face-to-face'] },
    );
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      source: 'link-worker',
      needs: { adjustments: ['easy-read', 'face-to-face'] },
    });
  });
});
