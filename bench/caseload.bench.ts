import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle, FhirResource, Patient, ServiceRequest } from 'fhir/r4';
import { buildReferral, buildReferralTask } from '@linkwell/profiles';
import { loadConfig, silentLogger, startAdapter } from '@linkwell/fhir-server-adapter';
import { MemoryGateway } from '@linkwell/test-kit';

// The link-worker app's caseload on a service with a few hundred cases: `GET /api/caseload` (names
// from FHIR, contacts, follow-ups) against the bare `GET /api/cases` list in the same process,
// reported as ratios; cold (referrals read from FHIR) and warm (cached).
// Run: npx tsx bench/caseload.bench.ts [cases]
const CASES = Number(process.argv[2] ?? 400);
const ROUNDS = 20;
const SERVICE = 'bench-service';

/** A FHIR gateway answering `ServiceRequest?_id=…&_include=ServiceRequest:subject` from memory. */
class ReferralGateway extends MemoryGateway {
  readonly referrals = new Map<string, ServiceRequest>();
  readonly patients = new Map<string, Patient>();
  override search(resourceType: string, params: Record<string, string>): Promise<Bundle> {
    if (resourceType !== 'ServiceRequest') return super.search(resourceType, params);
    const found = (params._id ?? '').split(',').flatMap((id) => {
      const referral = this.referrals.get(id);
      const patient = this.patients.get(referral?.subject.reference ?? '');
      return referral === undefined ? [] : [referral, ...(patient ? [patient] : [])];
    });
    return Promise.resolve({
      resourceType: 'Bundle',
      type: 'searchset',
      entry: found.map((resource: FhirResource) => ({ resource })),
    });
  }
}

async function time(label: string, url: string, rounds: number): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < rounds; i += 1) {
    const response = await fetch(url, { headers: { authorization: 'Bearer bench' } });
    if (!response.ok) throw new Error(`${label}: HTTP ${response.status}`);
    await response.arrayBuffer();
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6 / rounds;
  process.stdout.write(`${label.padEnd(34)} ${ms.toFixed(2)} ms per request\n`);
  return ms;
}

async function main(): Promise<void> {
  const gateway = new ReferralGateway();
  const config = loadConfig({
    ADAPTER_FHIR_AUTH: 'none',
    ADAPTER_SERVICE_ORG: SERVICE,
    ADAPTER_DATA_DIR: mkdtempSync(join(tmpdir(), 'linkwell-bench-caseload-')),
  });
  const adapter = await startAdapter(
    { ...config, port: 0 },
    {
      log: silentLogger,
      inMemory: true,
      timers: false,
      gateway,
      authenticate: () =>
        Promise.resolve({ practitioner: 'Practitioner/bench-lw', serviceOrg: SERVICE }),
    },
  );
  try {
    for (let i = 0; i < CASES; i += 1) {
      const patient = `Patient/bench-pt-${i}` as const;
      gateway.patients.set(patient, {
        resourceType: 'Patient',
        id: `bench-pt-${i}`,
        name: [{ given: ['Person'], family: `Number${i}` }],
      });
      const referral = buildReferral({
        identifier: `bench-${i}`,
        patient,
        requester: 'Practitioner/gp',
        performer: `Organization/${SERVICE}`,
        authoredOn: new Date(Date.UTC(2025, 0, 1 + (i % 300))).toISOString(),
        needs: ['loneliness'],
      });
      gateway.referrals.set(`bench-sr-${i}`, { ...referral, id: `bench-sr-${i}` });
      const { record } = await adapter.cases.ingestTask({
        serviceOrg: SERVICE,
        task: {
          ...buildReferralTask({
            referral: `ServiceRequest/bench-sr-${i}`,
            patient,
            requester: 'Practitioner/gp',
            owner: `Organization/${SERVICE}`,
            authoredOn: referral.authoredOn ?? '',
          }),
          id: `bench-task-${i}`,
        },
        referralRef: `ServiceRequest/bench-sr-${i}`,
        patientRef: patient,
      });
      if (i % 3 === 0) {
        await adapter.cases.addContactAttempt({
          caseId: record.id,
          at: '2025-03-01T10:00:00Z',
          method: 'phone',
          outcome: 'reached',
          linkWorker: 'Practitioner/bench-lw',
        });
      }
    }
    process.stdout.write(`${CASES} open cases\n`);
    const baseline = await time('GET /api/cases (baseline)', `${adapter.url}/api/cases`, ROUNDS);
    const cold = await time('GET /api/caseload (cold cache)', `${adapter.url}/api/caseload`, 1);
    const warm = await time('GET /api/caseload (warm)', `${adapter.url}/api/caseload`, ROUNDS);
    process.stdout.write(
      `caseload / baseline: cold ${(cold / baseline).toFixed(2)}×, warm ${(warm / baseline).toFixed(2)}×\n`,
    );
  } finally {
    await adapter.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
