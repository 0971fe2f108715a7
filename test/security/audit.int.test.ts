import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Patient } from 'fhir/r4';
import { buildReferral, buildReferralTask } from '@linkwell/profiles';
import { SEED, startEhrSandbox, type EhrSandbox } from '@linkwell/ehr-sandbox';
import { type LinkWorker, type RunningAdapter } from '@linkwell/fhir-server-adapter';
import { MemoryGateway } from '@linkwell/test-kit';
import { fhirRequest } from '../support/fhir-http';
import { authorizeWithLaunch, issueLaunch, pkce, tokenRequest } from '../ehr/support/smart-flow';
import { api, startTestAdapter } from '../adapter/support/adapter-env';

// Who read or changed which case and when (adapter), and who touched which patient's record how
// (proxy): checked against the adapter's table and the proxy's log lines, never carrying content.
const NOTE = 'Feels lonelier since the move: the private words of a note';

describe('adapter: the case access trail', () => {
  const gateway = new MemoryGateway();
  const workers: Record<string, LinkWorker> = {
    'Bearer mine': { practitioner: 'Practitioner/lw-1', serviceOrg: 'svc-a' },
    'Bearer theirs': { practitioner: 'Practitioner/lw-9', serviceOrg: 'svc-b' },
  };
  let adapter: RunningAdapter;
  let caseId = '';

  beforeAll(async () => {
    adapter = await startTestAdapter(
      'http://127.0.0.1:9/fhir',
      'svc-a',
      {},
      {
        gateway,
        authenticate: (header) => {
          const found = workers[header ?? ''];
          return found
            ? Promise.resolve(found)
            : Promise.reject(Object.assign(new Error('no'), { status: 401 }));
        },
      },
    );
    const common = { patient: 'Patient/p1', requester: 'Practitioner/gp' } as const;
    const authoredOn = '2025-02-03T10:15:00Z';
    gateway.put({
      ...buildReferral({
        ...common,
        identifier: 'r-au',
        performer: 'Organization/svc-a',
        authoredOn,
        needs: ['social-isolation'],
      }),
      id: 'r-au',
    });
    gateway.put({
      ...buildReferralTask({
        ...common,
        referral: 'ServiceRequest/r-au',
        owner: 'Organization/svc-a',
        authoredOn,
      }),
      id: 't-au',
    });
    await adapter.inbound.poll();
    caseId = (await adapter.cases.listCases('svc-a'))[0]?.id ?? '';
  });
  afterAll(() => adapter.stop());

  it('records each read and change with who, what kind, the endpoint and when, and lists them', async () => {
    const mine = { authorization: 'Bearer mine' };
    const theirs = { authorization: 'Bearer theirs' };
    const before = new Date().toISOString();
    expect((await api(adapter, 'GET', `/api/cases/${caseId}`, undefined, mine)).status).toBe(200);
    expect(
      (await api(adapter, 'POST', `/api/cases/${caseId}/notes`, { text: NOTE }, mine)).status,
    ).toBe(201);
    expect((await api(adapter, 'GET', `/api/cases/${caseId}`, undefined, theirs)).status).toBe(403);
    expect(
      (await api(adapter, 'GET', `/api/cases/${caseId}/access-history`, undefined, theirs)).status,
    ).toBe(403);

    const listed = await api<{
      accesses: {
        practitioner: string;
        action: string;
        route: string;
        status: number;
        at: string;
      }[];
    }>(adapter, 'GET', `/api/cases/${caseId}/access-history`, undefined, mine);
    expect(listed.status).toBe(200);
    // Ground truth: the table itself, one row per answered request, oldest first here.
    const rows = await adapter.db.query(
      'SELECT practitioner, action, route, status FROM case_access WHERE case_id = $1 ORDER BY seq',
      [caseId],
    );
    expect(rows).toEqual([
      { practitioner: 'Practitioner/lw-1', action: 'read', route: 'GET /cases/:id', status: 200 },
      {
        practitioner: 'Practitioner/lw-1',
        action: 'change',
        route: 'POST /cases/:id/notes',
        status: 201,
      },
      { practitioner: 'Practitioner/lw-9', action: 'read', route: 'GET /cases/:id', status: 403 },
      {
        practitioner: 'Practitioner/lw-9',
        action: 'read',
        route: 'GET /cases/:id/access-history',
        status: 403,
      },
      // The listing itself is an access, recorded once it was answered.
      {
        practitioner: 'Practitioner/lw-1',
        action: 'read',
        route: 'GET /cases/:id/access-history',
        status: 200,
      },
    ]);
    expect(listed.body.accesses.map((a) => [a.practitioner, a.action, a.route, a.status])).toEqual(
      rows
        .slice(0, 4)
        .map((r) => [r.practitioner, r.action, r.route, r.status])
        .reverse(),
    );
    for (const access of listed.body.accesses) expect(access.at >= before).toBe(true);
    const everything = JSON.stringify(await adapter.db.query('SELECT * FROM case_access'));
    expect(everything).not.toContain('lonelier');
    expect(JSON.stringify(listed.body)).not.toContain('lonelier');
  });
});

describe('EHR proxy: one audit line per FHIR request, ids only', () => {
  const dir = mkdtempSync(join(tmpdir(), 'linkwell-proxy-audit-'));
  const APP = {
    client_id: 'sec-audit-app',
    launch_uri: 'http://127.0.0.1:9/launch',
    redirect_uris: ['http://127.0.0.1:9/cb'],
  };
  const lines: string[] = [];
  let ehr: EhrSandbox;

  beforeAll(async () => {
    const clients = [
      {
        ...APP,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        smart_scope_contexts: ['patient'],
        allowed_scopes: ['patient/*.rs'],
      },
    ];
    writeFileSync(join(dir, 'clients.json'), JSON.stringify({ clients }));
    ehr = await startEhrSandbox({
      fhirUpstream: process.env.LINKWELL_TEST_FHIR_BASE ?? '',
      clientsFiles: [join(dir, 'clients.json')],
      keysDir: join(dir, 'keys'),
      loadSeed: false,
      log: (line) => lines.push(line),
    });
  });
  afterAll(() => ehr.stop());

  it('logs client, user, patient and interaction of each access, allowed or refused, and no patient data', async () => {
    const patient = SEED.patients.bereavedAndLonely;
    const gp = SEED.gps[0] ?? '';
    const launch = await issueLaunch(ehr.baseUrl, {
      patient,
      practitioner: gp,
      launchUri: APP.launch_uri,
    });
    const challenge = pkce();
    const { code } = await authorizeWithLaunch(ehr.baseUrl, {
      clientId: APP.client_id,
      redirectUri: APP.redirect_uris[0] ?? '',
      scope: 'launch patient/*.rs',
      aud: ehr.fhirBase,
      launch,
      pkce: challenge,
    });
    const token = await tokenRequest(ehr.baseUrl, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: APP.redirect_uris[0] ?? '',
      client_id: APP.client_id,
      code_verifier: challenge.verifier,
    });
    const headers = {
      authorization: `Bearer ${String(token.body.access_token)}`,
      'x-request-id': 'audit-probe',
    };
    const read = await fetch(`${ehr.fhirBase}/Patient/${patient}`, { headers });
    expect(read.status).toBe(200);
    const search = await fetch(`${ehr.fhirBase}/Condition?code=secret-query-value`, { headers });
    expect(search.status).toBe(200);
    const write = await fetch(`${ehr.fhirBase}/Observation`, {
      method: 'POST',
      headers,
      body: '{}',
    });
    expect(write.status).toBe(403);
    await new Promise((resolve) => setTimeout(resolve, 200));

    const audit = lines
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.event === 'fhir.access' && line.requestId === 'audit-probe');
    expect(
      audit.map((a) => [a.client, a.user, a.patient, a.interaction, a.resourceType, a.status]),
    ).toEqual([
      [APP.client_id, `Practitioner/${gp}`, patient, 'read', 'Patient', 200],
      [APP.client_id, `Practitioner/${gp}`, patient, 'search', 'Condition', 200],
      [APP.client_id, `Practitioner/${gp}`, patient, 'create', 'Observation', 403],
    ]);
    // What HAPI holds about the patient never reaches the log: names, birth date, the query.
    const record = (await fhirRequest<Patient>('GET', `Patient/${patient}`)).body;
    const everything = lines.join('\n');
    for (const secret of [
      record.name?.[0]?.family,
      record.birthDate,
      'secret-query-value',
      String(token.body.access_token),
    ]) {
      expect(secret).toBeDefined();
      expect(everything).not.toContain(secret);
    }
  });
});
