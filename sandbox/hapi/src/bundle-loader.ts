import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle, Identifier, Patient } from 'fhir/r4';
import { asOperationOutcome, outcomeText } from '@linkwell/profiles';
import { HapiLaunchError } from './errors';

export interface BundleLoadReport {
  loaded: string[];
  skipped: string[];
}

const FHIR_JSON = 'application/fhir+json';

function bundlePatientIdentifier(bundle: Partial<Bundle>): Identifier | undefined {
  const patient = bundle.entry?.find((entry) => entry.resource?.resourceType === 'Patient')
    ?.resource as Patient | undefined;
  return patient?.identifier?.find((identifier) => identifier.system && identifier.value);
}

async function patientExists(baseUrl: string, identifier: Identifier): Promise<boolean> {
  const token = encodeURIComponent(`${identifier.system ?? ''}|${identifier.value ?? ''}`);
  const response = await fetch(`${baseUrl}/Patient?identifier=${token}&_summary=count`, {
    headers: { accept: FHIR_JSON },
  });
  if (!response.ok)
    throw new HapiLaunchError(`Searching for a seed patient failed: HTTP ${response.status}`);
  const found = (await response.json()) as Bundle;
  return (found.total ?? 0) > 0;
}

/** What the server said about a refused Bundle: its OperationOutcome's words, or the body's start. */
function refusalText(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    // Not JSON: the raw start of the body is all there is.
  }
  return outcomeText(asOperationOutcome(parsed), { atLeast: 'information' }) ?? body.slice(0, 500);
}

/**
 * POSTs every transaction Bundle in a folder. A Bundle whose Patient (matched by identifier) is
 * already on the server is skipped, so loading the same folder twice never duplicates patients.
 */
export async function loadTransactionBundles(
  baseUrl: string,
  dir: string,
): Promise<BundleLoadReport> {
  const report: BundleLoadReport = { loaded: [], skipped: [] };
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  for (const name of files) {
    const bundle = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Partial<Bundle>;
    if (bundle.resourceType !== 'Bundle' || bundle.type !== 'transaction') continue;
    const identifier = bundlePatientIdentifier(bundle);
    if (identifier && (await patientExists(baseUrl, identifier))) {
      report.skipped.push(name);
      continue;
    }
    const response = await fetch(baseUrl, {
      method: 'POST',
      headers: { 'content-type': FHIR_JSON, accept: FHIR_JSON },
      body: JSON.stringify(bundle),
    });
    const body = await response.text();
    if (!response.ok) {
      throw new HapiLaunchError(
        `Loading ${name} failed (HTTP ${response.status}): ${refusalText(body)}`,
      );
    }
    report.loaded.push(name);
  }
  return report;
}
