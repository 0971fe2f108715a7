import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle, Goal, Task } from 'fhir/r4';
import { startEhrSandbox, type EhrSandbox } from '@linkwell/ehr-sandbox';
import { startHapi, type HapiServer } from '@linkwell/hapi';
import { loadOrCreateKey, type RunningAdapter } from '@linkwell/fhir-server-adapter';
import { fhirAt } from '../support/fhir-http';
import { api, startTestAdapter } from './support/adapter-env';
import { gpReferralTransaction, supportBundle } from './support/referral';
import { backendClient } from './support/sandbox-adapter';

// Two practices on two EHRs, each with its own SMART authorization server and scope-enforcing
// proxy (our EHR sandbox) in front of its own HAPI, behind one adapter that reaches both with SMART
// Backend Services: each endpoint's client id and signing key are registered at its own EHR only.
// Each referral becomes a case on its endpoint, the link worker's changes land on that EHR only,
// and each EHR's own log shows every request came from the client registered there, with a token
// its own authorization server issued (a token from the other would be refused).
jest.setTimeout(600_000);
const service = `smart2-${randomUUID().slice(0, 8)}`;
const patient = `${service}-pt`;
const gp = `${service}-gp`;
const worker = { practitioner: `Practitioner/${service}-lw` as const, serviceOrg: service };
const profilesDir = join(__dirname, '..', '..', 'profiles', 'fhir');
const dir = mkdtempSync(join(tmpdir(), 'linkwell-smart2-'));

interface Practice {
  readonly id: 'practice-a' | 'practice-b';
  readonly family: string;
  readonly clientId: string;
  readonly keyDir: string;
  upstream: string;
  ehr?: EhrSandbox;
  /** The sandbox's `fhir.access` audit lines: client id and status of each request. */
  readonly access: { client?: string; status?: number; interaction?: string }[];
}
const practices: Practice[] = ['a', 'b'].map((letter) => ({
  id: `practice-${letter}` as Practice['id'],
  family: letter === 'a' ? 'Alpha' : 'Bravo',
  clientId: `${service}-adapter-${letter}`,
  keyDir: join(dir, `keys-${letter}`),
  upstream: '',
  access: [],
}));
let hapiB: HapiServer | undefined;
let adapter: RunningAdapter | undefined;

/** The EHR sandbox in front of a practice's HAPI, with the adapter's client for it registered. */
async function startPractice(practice: Practice): Promise<void> {
  const key = loadOrCreateKey(practice.keyDir);
  const clients = join(dir, `clients-${practice.id}.json`);
  writeFileSync(clients, JSON.stringify({ clients: [backendClient(practice.clientId, key.jwks)] }));
  practice.ehr = await startEhrSandbox({
    fhirUpstream: practice.upstream,
    clientsFiles: [clients],
    keysDir: join(dir, `ehr-keys-${practice.id}`),
    loadSeed: false,
    log: (line) => {
      try {
        const parsed = JSON.parse(line) as { event?: string; msg?: string } & Practice['access'][0];
        if ((parsed.event ?? parsed.msg) === 'fhir.access') practice.access.push(parsed);
      } catch {
        // Not a JSON log line.
      }
    },
  });
  await fhirAt(
    practice.upstream,
    'POST',
    '',
    supportBundle({ patient, gp, service }, `${service}-walk`),
  );
  await fhirAt(practice.upstream, 'PUT', `Patient/${patient}`, {
    resourceType: 'Patient',
    id: patient,
    name: [{ family: practice.family }],
  });
  await fhirAt(
    practice.upstream,
    'POST',
    '',
    gpReferralTransaction({ patient, gp, service, identifier: `${service}-${practice.family}` }),
  );
}

beforeAll(async () => {
  hapiB = await startHapi({ database: 'mem', profilesDir });
  const [a, b] = practices;
  if (a === undefined || b === undefined) throw new Error('two practices');
  a.upstream = process.env.LINKWELL_TEST_FHIR_BASE ?? '';
  b.upstream = hapiB.baseUrl;
  for (const practice of practices) await startPractice(practice);
  const endpointsFile = join(dir, 'ehr.json');
  writeFileSync(
    endpointsFile,
    JSON.stringify(
      practices.map((p) => ({
        id: p.id,
        name: `Practice ${p.family}`,
        fhirBase: p.ehr?.fhirBase,
        fhirAuth: 'smart',
        clientId: p.clientId,
        keyDir: p.keyDir,
        subscribe: false,
      })),
    ),
  );
  adapter = await startTestAdapter(
    a.upstream,
    service,
    { ADAPTER_EHR_ENDPOINTS: endpointsFile, ADAPTER_SUBSCRIBE: 'false' },
    { authenticate: () => Promise.resolve(worker) },
  );
});
afterAll(async () => {
  await adapter?.stop();
  for (const practice of practices) await practice.ehr?.stop();
  await hapiB?.stop();
});

it('reaches each EHR with its own SMART client and key, and writes each case back to its own', async () => {
  const running = adapter;
  if (running === undefined) throw new Error('no adapter');
  for (const connection of running.endpoints.values()) await connection.inbound.poll();
  const cases = await running.cases.listCases(service);
  expect(cases.map((c) => c.endpoint).sort()).toEqual(['practice-a', 'practice-b']);

  for (const record of cases) {
    // The referral's patient is read through the case's own EHR: Alpha on A, Bravo on B.
    const details = await api<{
      referral: { patient: { name: string } };
      gpRecord: { id: string; name: string } | null;
    }>(running, 'GET', `/api/cases/${record.id}/details`);
    const practice = practices.find((p) => p.id === record.endpoint);
    expect(details.body.referral.patient.name).toBe(practice?.family);
    // The link worker is told which practice's record the case is on.
    expect(details.body.gpRecord).toEqual({
      id: record.endpoint,
      name: `Practice ${practice?.family ?? ''}`,
    });
    expect((await api(running, 'POST', `/api/cases/${record.id}/accept`)).status).toBe(200);
    const goal = await api(running, 'POST', `/api/cases/${record.id}/goals`, {
      description: `Goal for ${practice?.family ?? ''}`,
      share: true,
    });
    expect(goal.status).toBe(201);
  }
  const report = await running.outbound.run();
  expect(report).toMatchObject({ held: 0, stalled: false });

  for (const record of cases) {
    const own = practices.find((p) => p.id === record.endpoint);
    if (own === undefined) throw new Error('unknown endpoint');
    const task = await fhirAt<Task>(own.upstream, 'GET', `Task/${record.taskId}`);
    expect(task.status).toBe('accepted');
    const goals = await fhirAt<Bundle>(own.upstream, 'GET', `Goal?subject=Patient/${patient}`);
    // One Goal on each EHR (the same patient id on both), and it is this case's.
    expect(goals.entry?.map((e) => (e.resource as Goal).description.text)).toEqual([
      `Goal for ${own.family}`,
    ]);
  }

  // Each EHR saw requests from its own client only, all answered (reads, searches and the
  // transaction Bundles).
  for (const practice of practices) {
    const clients = new Set(practice.access.map((a) => a.client));
    expect([...clients]).toEqual([practice.clientId]);
    expect(practice.access.some((a) => a.interaction === 'bundle')).toBe(true);
    expect(practice.access.filter((a) => (a.status ?? 0) >= 400)).toEqual([]);
  }
});
