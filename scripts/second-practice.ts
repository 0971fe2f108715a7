import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEhrSandbox, type EhrSandbox } from '@linkwell/ehr-sandbox';
import { startHapi, type HapiServer } from '@linkwell/hapi';
import type { StartConfig } from './config';

// `LINKWELL_PRACTICES=2 npm start`: a second GP practice on an EHR of its own (its own HAPI, with
// its own database, and its own EHR sandbox: authorization server, launch page and proxy), behind
// the same adapter. The adapter reaches each practice with SMART Backend Services and writes each
// case back to the practice it came from.

export interface SecondPractice {
  readonly hapi: HapiServer;
  readonly ehr: EhrSandbox;
}

export function startSecondHapi(config: StartConfig, log: (line: string) => void) {
  return startHapi({
    port: config.secondHapiPort,
    database: { file: join(config.dataDir, 'hapi-b', 'linkwell') },
    profilesDir: config.profilesDir,
    log: (line) => {
      log(`[practice B] ${line}`);
    },
  });
}

export function startSecondEhr(
  config: StartConfig,
  hapi: HapiServer,
  log: (line: string) => void,
): Promise<EhrSandbox> {
  return startEhrSandbox({
    fhirUpstream: hapi.baseUrl,
    port: config.secondEhrPort,
    keysDir: join(config.dataDir, 'ehr-b', 'keys'),
    log: (line) => {
      log(`[practice B] ${line}`);
    },
  });
}

/**
 * The adapter's endpoint list for both practices (ADAPTER_EHR_ENDPOINTS). The first keeps the id a
 * single-practice start gives its endpoint, so the cases kept from such a start stay its own.
 */
export function writeEndpointsFile(
  config: StartConfig,
  first: EhrSandbox,
  second: EhrSandbox,
): string {
  const dir = join(config.dataDir, 'adapter');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'ehr-endpoints.json');
  const endpoints = [
    { id: 'default', name: 'Practice A (EHR sandbox)', fhirBase: first.fhirBase },
    { id: 'practice-b', name: 'Practice B (second EHR sandbox)', fhirBase: second.fhirBase },
  ];
  writeFileSync(file, `${JSON.stringify(endpoints, null, 2)}\n`);
  return file;
}
