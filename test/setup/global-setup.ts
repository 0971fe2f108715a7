import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHapi, type HapiServer } from '@linkwell/hapi';
import { freePort } from '@linkwell/service-kit';
import { startEhrSandbox, type EhrSandbox } from '@linkwell/ehr-sandbox';
import { writeTestClients } from '../ehr/support/test-clients';
import { startPostgresOnce } from './postgres-once';

// One HAPI FHIR server (in-memory database, our profiles loaded) shared by every integration test
// file of this `npm test` run; its base URL reaches the test workers through the environment.
// In front of it, one EHR sandbox (SMART authorization server and FHIR proxy) with the test clients.
declare global {
  var linkwellHapi: HapiServer | undefined;
  var linkwellEhr: EhrSandbox | undefined;
}

async function startHapiOnce(log: (line: string) => void): Promise<void> {
  const external = process.env.LINKWELL_TEST_FHIR_BASE;
  if (external !== undefined && external !== '') return;
  const hapi = await startHapi({
    database: 'mem',
    profilesDir: join(__dirname, '..', '..', 'profiles', 'fhir'),
    log,
  });
  globalThis.linkwellHapi = hapi;
  process.env.LINKWELL_TEST_FHIR_BASE = hapi.baseUrl;
}

async function startEhr(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'linkwell-ehr-test-'));
  const [appPort, jwksPort] = [await freePort(), await freePort()];
  const files = writeTestClients(dir, appPort, jwksPort);
  const ehr = await startEhrSandbox({
    fhirUpstream: process.env.LINKWELL_TEST_FHIR_BASE ?? '',
    clientsFiles: [
      join(__dirname, '..', '..', 'sandbox', 'ehr', 'clients.json'),
      files.clientsFile,
    ],
    keysDir: join(dir, 'keys'),
  });
  globalThis.linkwellEhr = ehr;
  Object.assign(process.env, {
    LINKWELL_TEST_EHR_BASE: ehr.baseUrl,
    LINKWELL_TEST_EHR_DIR: dir,
    LINKWELL_TEST_EHR_APP_PORT: String(appPort),
    LINKWELL_TEST_EHR_JWKS_PORT: String(jwksPort),
    LINKWELL_TEST_EHR_BACKEND_KEY: files.backendKeyFile,
    LINKWELL_TEST_EHR_CLIENTS_FILE: files.clientsFile,
  });
}

export default async function globalSetup(): Promise<void> {
  const log = (line: string): void => {
    process.stderr.write(`\n[test setup] ${line}`);
  };
  await Promise.all([startHapiOnce(log), startPostgresOnce()]);
  await startEhr();
}
