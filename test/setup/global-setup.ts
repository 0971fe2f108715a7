import { join } from 'node:path';
import { startHapi, type HapiServer } from '@linkwell/hapi';

// One HAPI FHIR server (in-memory database, our profiles loaded) shared by every integration test
// file of this `npm test` run; its base URL reaches the test workers through the environment.
declare global {
  var linkwellHapi: HapiServer | undefined;
}

export default async function globalSetup(): Promise<void> {
  const external = process.env.LINKWELL_TEST_FHIR_BASE;
  if (external !== undefined && external !== '') return;
  const log = (line: string): void => {
    process.stderr.write(`\n[test setup] ${line}`);
  };
  const hapi = await startHapi({
    database: 'mem',
    profilesDir: join(__dirname, '..', '..', 'profiles', 'fhir'),
    log,
  });
  globalThis.linkwellHapi = hapi;
  process.env.LINKWELL_TEST_FHIR_BASE = hapi.baseUrl;
}
