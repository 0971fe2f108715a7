import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Bundle } from 'fhir/r4';
import { startHapi, type HapiJvmProfile } from '@linkwell/hapi';
import { startThrowawayPostgres } from '@linkwell/test-kit';
import { referralTransaction } from '@linkwell/smart-app';

// What the benchmarks write to HAPI: a link-worker service with one GP, one patient and one link
// worker, and referrals exactly as the GP app writes them (its own transaction builder).

export interface BenchIds {
  readonly patient: string;
  readonly gp: string;
  readonly lw: string;
  readonly service: string;
}

async function post(base: string, body: unknown): Promise<Bundle> {
  const response = await fetch(base, {
    method: 'POST',
    headers: { 'content-type': 'application/fhir+json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(
      `POST ${base}: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`,
    );
  }
  return (await response.json()) as Bundle;
}

/** PUTs the service's people by fixed ids (one transaction); `extraServices` are bare Organizations. */
export async function seedService(
  base: string,
  service: string,
  extraServices: readonly string[] = [],
): Promise<BenchIds> {
  const ids = { patient: `${service}-pt`, gp: `${service}-gp`, lw: `${service}-lw`, service };
  const put = (resource: Record<string, unknown> & { resourceType: string; id: string }) => ({
    resource,
    request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}` },
  });
  const person = (resourceType: string, id: string, family: string) =>
    put({ resourceType, id, name: [{ given: ['Bench'], family }] });
  await post(base, {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      person('Patient', ids.patient, 'Patient'),
      person('Practitioner', ids.gp, 'GP'),
      person('Practitioner', ids.lw, 'Worker'),
      ...[service, ...extraServices].map((id) =>
        put({ resourceType: 'Organization', id, name: `Bench service ${id}` }),
      ),
      put({
        resourceType: 'PractitionerRole',
        id: `${service}-lw-role`,
        active: true,
        practitioner: { reference: `Practitioner/${ids.lw}` },
        organization: { reference: `Organization/${service}` },
      }),
    ],
  });
  return ids;
}

/** A referral from the GP app's own builder (Consent + ServiceRequest + Task, one transaction). */
export function gpReferral(ids: Omit<BenchIds, 'lw'>, referralId: string = randomUUID()): Bundle {
  return referralTransaction({
    referralId,
    patientId: ids.patient,
    requester: `Practitioner/${ids.gp}`,
    now: new Date().toISOString(),
    newUuid: randomUUID,
    draft: {
      needs: ['loneliness'],
      otherNeeds: '',
      whatMatters: 'Getting out of the house',
      priority: 'routine',
      consentToShare: true,
      consentToWriteBack: true,
      contactPreferences: ['phone'],
      service: `Organization/${ids.service}`,
    },
  });
}

export const postBundle = post;

/** Runs `work` against LINKWELL_BENCH_FHIR_BASE, or against a HAPI of its own it starts and stops. */
/**
 * Runs `work` against LINKWELL_BENCH_FHIR_BASE, or else a HAPI of its own with our profiles, on
 * LINKWELL_BENCH_HAPI_DB: `mem` (in-memory H2, as the tests run it) or `postgres` (a throwaway
 * PostgreSQL, as production HAPI runs); `fallback` when that is unset. LINKWELL_BENCH_JVM picks
 * the JVM settings (`quick-start`, the default, or `throughput`: see sandbox/hapi/server/README.md).
 */
export async function withBenchFhirServer(
  work: (base: string) => Promise<void>,
  fallback: BenchHapiDatabase = 'mem',
): Promise<void> {
  const given = process.env.LINKWELL_BENCH_FHIR_BASE;
  if (given !== undefined && given !== '') {
    await work(given);
    return;
  }
  const kind = benchHapiDatabase(process.env.LINKWELL_BENCH_HAPI_DB ?? fallback);
  const jvm = benchJvm(process.env.LINKWELL_BENCH_JVM ?? 'quick-start');
  const postgres = kind === 'postgres' ? await startThrowawayPostgres() : undefined;
  try {
    const hapi = await startHapi({
      database: postgres === undefined ? 'mem' : { postgres: postgres.url },
      profilesDir: join(__dirname, '..', '..', 'profiles', 'fhir'),
      jvm,
    });
    process.stdout.write(
      `HAPI on ${postgres === undefined ? 'in-memory H2' : 'PostgreSQL'}, JVM ${jvm}\n`,
    );
    try {
      await work(hapi.baseUrl);
    } finally {
      await hapi.stop();
    }
  } finally {
    await postgres?.stop();
  }
}

export type BenchHapiDatabase = 'mem' | 'postgres';

function benchJvm(value: string): HapiJvmProfile {
  if (value === 'quick-start' || value === 'throughput') return value;
  throw new Error(`LINKWELL_BENCH_JVM must be quick-start or throughput, not ${value}`);
}

function benchHapiDatabase(value: string): BenchHapiDatabase {
  if (value === 'mem' || value === 'postgres') return value;
  throw new Error(`LINKWELL_BENCH_HAPI_DB must be mem or postgres, not ${value}`);
}
