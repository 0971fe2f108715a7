import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle } from 'fhir/r4';
import { asOperationOutcome, outcomeText } from '@linkwell/profiles';

/** The folder of our seed transaction Bundles (PUT with stable ids: loading twice adds nothing). */
export const SEED_DIR = join(__dirname, '..', 'seed');

/** Stable ids of seed records that tests and docs rely on. */
export const SEED = Object.freeze({
  practice: 'lw-practice-riverside',
  gps: ['lw-gp-okafor', 'lw-gp-hughes', 'lw-gp-shah'],
  linkWorkerService: 'lw-sp-service-riverside',
  linkWorkers: ['lw-lw-carter', 'lw-lw-bell', 'lw-lw-begum'],
  /** Priya Nair: her PractitionerRole at the service codes her as its manager. */
  serviceManager: 'lw-mgr-nair',
  /** OrganizationAffiliation: the practice refers to the Riverside service by default. */
  practiceAffiliation: 'lw-affiliation-riverside',
  otherLinkWorkerService: 'lw-sp-service-eastfield',
  otherLinkWorker: 'lw-lw-lowe',
  communityServices: [
    'lw-cs-walking',
    'lw-cs-debt',
    'lw-cs-carers',
    'lw-cs-bereavement',
    'lw-cs-mens-shed',
  ],
  patients: {
    bereavedAndLonely: 'lw-pt-margaret',
    carerStrain: 'lw-pt-david',
    debtAndHousing: 'lw-pt-kayleigh',
    longTermConditionsLowMood: 'lw-pt-robert',
  },
});

export interface SeedReport {
  bundles: number;
  resources: number;
}

/** POSTs every seed transaction Bundle to a FHIR base (HAPI directly, not through the proxy). */
export async function loadSeed(fhirBase: string, dir: string = SEED_DIR): Promise<SeedReport> {
  const report: SeedReport = { bundles: 0, resources: 0 };
  for (const name of readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()) {
    const bundle = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Bundle;
    const response = await fetch(fhirBase, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json', accept: 'application/fhir+json' },
      body: JSON.stringify(bundle),
    });
    const text = await response.text();
    if (!response.ok) {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        // Not JSON: the raw start of the body is all there is.
      }
      const detail =
        outcomeText(asOperationOutcome(body), { atLeast: 'information' }) ?? text.slice(0, 500);
      throw new Error(
        `Loading seed ${name} into ${fhirBase} failed (HTTP ${response.status}): ${detail}`,
      );
    }
    report.bundles += 1;
    report.resources += bundle.entry?.length ?? 0;
  }
  return report;
}
