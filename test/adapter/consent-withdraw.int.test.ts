import type { Bundle, Consent } from 'fhir/r4';
import { withdrawConsent } from '@linkwell/profiles';
import type { CaseConsent } from '@linkwell/fhir-server-adapter';
import { fhirRequest, uniqueId } from '../support/fhir-http';
import { api } from './support/adapter-env';
import {
  createdRef,
  referralVariant,
  supportBundle,
  type ReferralVariant,
} from './support/referral';
import { startSandboxAdapter, type SandboxAdapter } from './support/sandbox-adapter';

// The consent the GP recorded with the referral, read at ingest through the EHR sandbox, kept
// fresh by the catch-up poll, and withdrawn by the link worker (queued for the EHR).
const service = uniqueId('svc-consent');
const ids = { patient: uniqueId('pt'), gp: uniqueId('gp'), service, identifier: uniqueId('ref') };
const worker = { practitioner: `Practitioner/${service}-lw` as const, serviceOrg: service };
const base = { patient: ids.patient, gp: ids.gp, service };
let running: SandboxAdapter;
const cases: Record<string, { caseId: string; consent: string | undefined }> = {};

async function refer(name: string, permits: ReferralVariant['permits']): Promise<void> {
  const posted = await fhirRequest<Bundle>('POST', '', referralVariant({ ...base, permits }));
  expect(posted.status).toBe(200);
  const taskId = createdRef(posted.body, 'Task')?.replace('Task/', '');
  cases[name] = { caseId: taskId ?? '', consent: createdRef(posted.body, 'Consent') };
}

const consentOf = async (name: string) =>
  api<{ consent: CaseConsent | null }>(
    running.adapter,
    'GET',
    `/api/cases/${cases[name]?.caseId ?? ''}/consent`,
  );

beforeAll(async () => {
  expect((await fhirRequest('POST', '', supportBundle(ids, `${service}-walk`))).status).toBe(200);
  await refer('full', ['share-referral', 'write-back-outcomes']);
  await refer('shareOnly', ['share-referral']);
  await refer('none', undefined);
  running = await startSandboxAdapter({
    serviceOrg: service,
    options: { authenticate: () => Promise.resolve(worker) },
  });
  expect(await running.adapter.inbound.poll()).toMatchObject({ created: 3, held: 0 });
  for (const record of await running.adapter.cases.listCases(service)) {
    const entry = Object.values(cases).find((c) => c.caseId === record.taskId);
    if (entry !== undefined) entry.caseId = record.id;
  }
});
afterAll(() => running.stop());

describe('consent per case', () => {
  it('keeps what the patient agreed to, when and who recorded it', async () => {
    const full = await consentOf('full');
    expect(full.status).toBe(200);
    expect(full.body.consent).toMatchObject({
      consentRef: cases.full?.consent,
      status: 'active',
      shareWithService: true,
      writeBack: true,
      recordedAt: '2025-03-01T09:30:00.000Z',
      recordedBy: 'Dr Test GP',
    });
    expect((await consentOf('shareOnly')).body.consent).toMatchObject({
      shareWithService: true,
      writeBack: false,
    });
    const none = (await consentOf('none')).body.consent;
    expect(none).toMatchObject({
      status: 'not-recorded',
      shareWithService: false,
      writeBack: false,
    });
    expect(none?.consentRef).toBeUndefined();
  });

  it('records a withdrawal by the link worker once and queues it for the EHR', async () => {
    const caseId = cases.full?.caseId ?? '';
    const first = await api<{ consent: CaseConsent }>(
      running.adapter,
      'POST',
      `/api/cases/${caseId}/consent/withdraw`,
      {},
    );
    expect(first.status).toBe(200);
    expect(first.body.consent).toMatchObject({ status: 'inactive', withdrawnBy: 'Worker' });
    expect(first.body.consent.withdrawnAt).toBeDefined();
    const again = await api(running.adapter, 'POST', `/api/cases/${caseId}/consent/withdraw`, {});
    expect(again.status).toBe(200);
    const rows = await running.adapter.db.query<{ kind: string; link_worker: string }>(
      `SELECT kind, link_worker FROM outbox WHERE case_id = $1 AND kind = 'consent'`,
      [caseId],
    );
    expect(rows).toEqual([{ kind: 'consent', link_worker: worker.practitioner }]);
    // The EHR still says active until the withdrawal is sent: the catch-up poll must not undo it.
    await running.adapter.inbound.poll();
    expect((await consentOf('full')).body.consent).toMatchObject({ status: 'inactive' });
  });

  it('takes a withdrawal the GP records on the EHR in with the catch-up poll', async () => {
    const ref = cases.shareOnly?.consent ?? '';
    const consent = (await fhirRequest<Consent>('GET', ref)).body;
    const withdrawn = withdrawConsent(consent, {
      date: '2025-03-06T15:00:00Z',
      by: { reference: `Practitioner/${ids.gp}`, display: 'Dr Test GP' },
    });
    expect((await fhirRequest('PUT', ref, withdrawn)).status).toBe(200);
    // Polls overlap their cursor by a second, so an earlier Consent may be seen again.
    expect((await running.adapter.inbound.poll()).consents).toBeGreaterThanOrEqual(1);
    expect((await consentOf('shareOnly')).body.consent).toMatchObject({
      status: 'inactive',
      shareWithService: false,
      withdrawnAt: '2025-03-06T15:00:00.000Z',
      withdrawnBy: 'Dr Test GP',
    });
  });

  it('refuses what it cannot do', async () => {
    const bad = await api(running.adapter, 'POST', '/api/cases/not-a-case/consent/withdraw', {});
    expect(bad.status).toBe(404);
  });
});
