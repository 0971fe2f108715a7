import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHapi, type HapiJvmProfile, type HapiServer } from '@linkwell/hapi';

// The sandbox HAPI's cost of on-write profile validation, measured in one run: transactions of 100
// plain Goals, 100 Goals created conditionally (ifNoneExist), and 100 Goals claiming linkwell-goal,
// interleaved round by round so a busy machine slows all three alike. Reported as resources/s, the
// server JVM's CPU time per resource, and the ratio profiled/plain; with both validation paths (our
// pooled validators and HAPI's per-call one) and their ratio. Results are printed, never asserted.
// Run: npx tsx bench/hapi-validation.bench.ts [rounds] [validation: both|pooled|per-call]
//   LINKWELL_BENCH_JVM=quick-start|throughput (default quick-start), LINKWELL_BENCH_HAPI_JAR=<prebuilt jar>
const ROUNDS = Number(process.argv[2] ?? 10);
const VALIDATIONS =
  (process.argv[3] ?? 'both') === 'both' ? ['pooled', 'per-call'] : [process.argv[3]];
const JVM = (process.env.LINKWELL_BENCH_JVM ?? 'quick-start') as HapiJvmProfile;
const WARM_UP_ROUNDS = 5;
const BATCH = 100;
const GOAL_PROFILE = 'https://linkwell.example.org/fhir/StructureDefinition/linkwell-goal';
const KINDS = ['plain', 'conditional', 'profiled'] as const;
type Kind = (typeof KINDS)[number];

interface Sample {
  seconds: number;
  cpuSeconds: number | undefined;
}

async function fhir(method: string, url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method,
    headers: { 'content-type': 'application/fhir+json' },
    body: JSON.stringify(body),
  });
}

async function fhirOk(method: string, url: string, body: unknown): Promise<void> {
  const response = await fhir(method, url, body);
  const text = await response.text();
  if (!response.ok)
    throw new Error(`${method} ${url}: HTTP ${response.status} ${text.slice(0, 500)}`);
}

/** User + system CPU seconds of a Linux process so far; undefined elsewhere. */
function processCpuSeconds(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks (USER_HZ = 100 on Linux)
  } catch {
    return undefined;
  }
}

function goalEntry(kind: Kind, tag: string, patient: string, referral: string): unknown {
  const identifier = { system: 'urn:linkwell:bench:goal', value: tag };
  return {
    fullUrl: `urn:uuid:${crypto.randomUUID()}`,
    resource: {
      resourceType: 'Goal',
      ...(kind === 'profiled' ? { meta: { profile: [GOAL_PROFILE] } } : {}),
      identifier: [identifier],
      lifecycleStatus: 'active',
      description: { text: `Goal ${tag}` },
      subject: { reference: patient },
      startDate: '2025-03-02',
      addresses: [{ reference: referral }],
    },
    request: {
      method: 'POST',
      url: 'Goal',
      ...(kind === 'conditional'
        ? { ifNoneExist: `identifier=${identifier.system}|${identifier.value}` }
        : {}),
    },
  };
}

async function measure(hapi: HapiServer, label: string) {
  const base = hapi.baseUrl;
  const run = `${label}-${Date.now().toString(36)}`;
  const patient = `Patient/${run}-pt`;
  const referral = `ServiceRequest/${run}-sr`;
  await fhirOk('PUT', `${base}/${patient}`, { resourceType: 'Patient', id: `${run}-pt` });
  await fhirOk('PUT', `${base}/${referral}`, {
    resourceType: 'ServiceRequest',
    id: `${run}-sr`,
    status: 'active',
    intent: 'order',
    subject: { reference: patient },
  });
  // The profiled numbers mean nothing unless the profile is enforced: a Goal without start is refused.
  const invalid = await fhir('POST', `${base}/Goal`, {
    resourceType: 'Goal',
    meta: { profile: [GOAL_PROFILE] },
    lifecycleStatus: 'active',
    description: { text: 'no start date' },
    subject: { reference: patient },
    addresses: [{ reference: referral }],
  });
  await invalid.arrayBuffer();
  const samples: Record<Kind, Sample[]> = { plain: [], conditional: [], profiled: [] };
  for (let round = -WARM_UP_ROUNDS; round < ROUNDS; round += 1) {
    for (const kind of KINDS) {
      const entry = Array.from({ length: BATCH }, (_, i) =>
        goalEntry(kind, `${run}-${kind}-${round}-${i}`, patient, referral),
      );
      const body = { resourceType: 'Bundle', type: 'transaction', entry };
      const cpuBefore = processCpuSeconds(hapi.pid);
      const started = performance.now();
      await fhirOk('POST', base, body);
      const seconds = (performance.now() - started) / 1000;
      const cpuAfter = processCpuSeconds(hapi.pid);
      const cpuSeconds =
        cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
      if (round >= 0) samples[kind].push({ seconds, cpuSeconds });
    }
  }
  return { refusedStatus: invalid.status, samples };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

function summarise(samples: Sample[]) {
  const totalSeconds = samples.reduce((sum, s) => sum + s.seconds, 0);
  const cpu = samples.map((s) => s.cpuSeconds);
  const cpuKnown = cpu.every((c) => c !== undefined);
  const cpuSeconds = cpu.reduce<number>((sum, c) => sum + (c ?? 0), 0);
  const resources = samples.length * BATCH;
  return {
    perSecond: resources / totalSeconds,
    medianPerSecond: median(samples.map((s) => BATCH / s.seconds)),
    cpuMsPerResource: cpuKnown ? (1000 * cpuSeconds) / resources : undefined,
  };
}

async function main(): Promise<void> {
  const results: Record<string, Record<Kind, ReturnType<typeof summarise>>> = {};
  for (const validation of VALIDATIONS) {
    if (validation !== 'pooled' && validation !== 'per-call')
      throw new Error(`unknown validation ${String(validation)}`);
    const hapi = await startHapi({
      database: 'mem',
      profilesDir: join(__dirname, '..', 'profiles', 'fhir'),
      jvm: JVM,
      validation,
      ...(process.env.LINKWELL_BENCH_HAPI_JAR ? { jar: process.env.LINKWELL_BENCH_HAPI_JAR } : {}),
    });
    try {
      process.stdout.write(
        `HAPI (${validation} validation, JVM ${JVM}) up in ${(hapi.startupMillis / 1000).toFixed(1)} s; ` +
          `${WARM_UP_ROUNDS} warm-up + ${ROUNDS} measured rounds of ${BATCH}-entry transactions per kind\n`,
      );
      const { refusedStatus, samples } = await measure(hapi, validation);
      process.stdout.write(
        `  invalid profiled Goal: HTTP ${refusedStatus}${refusedStatus === 422 ? ' (profile enforced)' : ' (NOT refused: profiled figures are not validation)'}\n`,
      );
      const summary = {
        plain: summarise(samples.plain),
        conditional: summarise(samples.conditional),
        profiled: summarise(samples.profiled),
      };
      results[validation] = summary;
      for (const kind of KINDS) {
        const s = summary[kind];
        process.stdout.write(
          `  ${kind.padEnd(12)} ${s.perSecond.toFixed(0).padStart(5)} resources/s (median of transactions ${s.medianPerSecond.toFixed(0)})` +
            (s.cpuMsPerResource === undefined
              ? ''
              : `; HAPI CPU ${s.cpuMsPerResource.toFixed(2)} ms/resource`) +
            '\n',
        );
      }
      const { plain, profiled } = summary;
      process.stdout.write(
        `  profiled/plain: ${(profiled.perSecond / plain.perSecond).toFixed(2)} of the throughput, ` +
          `a profiled write costs ${(plain.perSecond / profiled.perSecond).toFixed(2)}x a plain one in wall time` +
          (profiled.cpuMsPerResource === undefined || plain.cpuMsPerResource === undefined
            ? ''
            : `, ${(profiled.cpuMsPerResource / plain.cpuMsPerResource).toFixed(2)}x in HAPI CPU`) +
          '\n',
      );
    } finally {
      await hapi.stop();
    }
  }
  const pooled = results.pooled?.profiled;
  const perCall = results['per-call']?.profiled;
  if (pooled !== undefined && perCall !== undefined) {
    process.stdout.write(
      `profiled writes, pooled / per-call validation: ${(pooled.perSecond / perCall.perSecond).toFixed(2)}x the throughput` +
        (pooled.cpuMsPerResource === undefined || perCall.cpuMsPerResource === undefined
          ? ''
          : `, ${(perCall.cpuMsPerResource / pooled.cpuMsPerResource).toFixed(2)}x less HAPI CPU per resource`) +
        '\n',
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
