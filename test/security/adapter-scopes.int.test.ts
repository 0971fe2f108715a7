import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle } from 'fhir/r4';
import { LINKWELL_IDENTIFIER_SYSTEMS } from '@linkwell/profiles';
import { startEhrSandbox, type EhrSandbox } from '@linkwell/ehr-sandbox';
import { loadOrCreateKey, type RunningAdapter } from '@linkwell/fhir-server-adapter';
import { fhirRequest, uniqueId } from '../support/fhir-http';
import { api, startTestAdapter } from '../adapter/support/adapter-env';
import { gpReferralTransaction, supportBundle } from '../adapter/support/referral';

// The adapter's narrowed backend scopes (config.ts DEFAULT_SCOPES), registered as its allowlist in
// sandbox/ehr/clients.json: a whole case, from referral to closing summary, still syncs through
// the scope-enforcing proxy, and HAPI holds what the adapter wrote.
const dir = mkdtempSync(join(tmpdir(), 'linkwell-adapter-scopes-'));
const CLIENT = 'sec-adapter-scopes';
const service = uniqueId('scp');
const patient = uniqueId('pt');
const gp = uniqueId('gp');
const lw = `Practitioner/${service}-lw` as const;
const allowlist = (
  JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'sandbox', 'ehr', 'clients.json'), 'utf8'),
  ) as { clients: { client_id: string; allowed_scopes?: string[] }[] }
).clients.find((client) => client.client_id === 'linkwell-adapter')?.allowed_scopes;
let ehr: EhrSandbox;
let adapter: RunningAdapter;

beforeAll(async () => {
  const client = {
    client_id: CLIENT,
    jwks: loadOrCreateKey(join(dir, 'data', 'keys')).jwks,
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: 'RS384',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    smart_scope_contexts: ['system'],
    allowed_scopes: allowlist,
  };
  writeFileSync(join(dir, 'clients.json'), JSON.stringify({ clients: [client] }));
  ehr = await startEhrSandbox({
    fhirUpstream: process.env.LINKWELL_TEST_FHIR_BASE ?? '',
    clientsFiles: [join(dir, 'clients.json')],
    keysDir: join(dir, 'ehr-keys'),
    loadSeed: false,
  });
  await fhirRequest('POST', '', supportBundle({ patient, gp, service }, `${service}-walk`));
  adapter = await startTestAdapter(
    ehr.fhirBase,
    service,
    { ADAPTER_FHIR_AUTH: 'smart', ADAPTER_CLIENT_ID: CLIENT, ADAPTER_DATA_DIR: join(dir, 'data') },
    { authenticate: () => Promise.resolve({ practitioner: lw, serviceOrg: service }) },
  );
});
afterAll(async () => {
  await adapter.stop();
  await ehr.stop();
});

describe("the adapter's least-privilege backend scopes", () => {
  it('has no delete and reads and searches Patient, never writes it', () => {
    expect(allowlist?.length).toBeGreaterThan(0);
    expect(allowlist?.filter((scope) => scope.split('.')[1]?.includes('d'))).toEqual([]);
    expect(allowlist).toContain('system/Patient.rs');
    expect(allowlist?.filter((scope) => /^system\/Patient\.\w*[cu]/.test(scope))).toEqual([]);
  });

  it('are enough for a whole case: ingest, details, writes, onward referral, closing summary', async () => {
    const identifier = uniqueId('ref');
    expect(
      (await fhirRequest('POST', '', gpReferralTransaction({ patient, gp, service, identifier })))
        .status,
    ).toBe(200);
    await adapter.inbound.poll();
    const found = (await adapter.cases.listCases(service)).find(
      (c) => c.task?.identifier?.[0]?.value === identifier,
    );
    expect(found).toBeDefined();
    const path = `/api/cases/${found?.id ?? ''}`;
    expect((await api(adapter, 'GET', `${path}/details`)).status).toBe(200);
    expect((await api(adapter, 'POST', `${path}/accept`)).status).toBe(200);
    const writes: [string, object][] = [
      ['contact-attempts', { method: 'phone', outcome: 'reached' }],
      ['goals', { description: 'Walk on Tuesdays' }],
      [
        'questionnaires',
        {
          instrument: 'ons4',
          timing: 'baseline',
          answers: { 'life-satisfaction': 5, worthwhile: 5, happiness: 5, anxiety: 5 },
        },
      ],
      ['onward-referrals', { service: `${service}-walk`, note: 'Tuesdays' }],
    ];
    for (const [route, body] of writes) {
      expect((await api(adapter, 'POST', `${path}/${route}`, body)).status).toBe(201);
    }
    expect(
      (
        await api(adapter, 'POST', `${path}/discharge`, {
          outcome: 'discharged',
          reason: 'Goals met',
        })
      ).status,
    ).toBe(200);
    expect(await adapter.outbound.run()).toMatchObject({ held: 0, stalled: false });

    const summaries = await fhirRequest<Bundle>(
      'GET',
      `DocumentReference?identifier=${LINKWELL_IDENTIFIER_SYSTEMS.closingSummary}|${found?.id ?? ''}`,
    );
    expect(summaries.body.entry).toHaveLength(1);
    for (const type of ['Goal', 'Observation', 'QuestionnaireResponse']) {
      const held = await fhirRequest<Bundle>(
        'GET',
        `${type}?subject=Patient/${patient}&_summary=count`,
      );
      expect([type, held.body.total]).toEqual([type, expect.any(Number)]);
      expect(held.body.total).toBeGreaterThan(0);
    }
    const task = await fhirRequest<{ status: string }>('GET', `Task/${found?.taskId ?? ''}`);
    expect(task.body.status).toBe('completed');
  });

  it('are enough to find a person and open a self-referral through the proxy', async () => {
    const person = uniqueId('pt');
    const family = `Scopes${Math.random().toString(36).slice(2, 9)}`;
    const put = await fhirRequest('PUT', `Patient/${person}`, {
      resourceType: 'Patient',
      id: person,
      name: [{ family, given: ['Alex'] }],
      birthDate: '1966-06-06',
    });
    expect(put.status).toBeLessThan(300);
    const found = await api<{ people: { patient: string }[] }>(
      adapter,
      'GET',
      `/api/people?family=${family}&birthDate=1966-06-06`,
    );
    expect([found.status, found.body.people.map((p) => p.patient)]).toEqual([
      200,
      [`Patient/${person}`],
    ]);
    const opened = await api<{ caseId: string; local: boolean }>(
      adapter,
      'POST',
      '/api/referrals',
      {
        source: { kind: 'self', reason: 'Wants to meet people' },
        needs: ['social-isolation'],
        patient: `Patient/${person}`,
        consent: { shareWithService: true, writeBack: false },
      },
    );
    expect([opened.status, opened.body.local]).toEqual([201, false]);
    const tasks = await fhirRequest<Bundle>('GET', `Task?patient=Patient/${person}`);
    expect(tasks.body.entry).toHaveLength(1);
  });
});
