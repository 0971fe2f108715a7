import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuUsage } from 'node:process';
import {
  loadConfig,
  silentLogger,
  startAdapter,
  type RunningAdapter,
} from '@linkwell/fhir-server-adapter';
import { gpReferral, postBundle, seedService, withBenchFhirServer } from './support/seed';

// Outbound sync throughput against a real HAPI FHIR server: batched transactions against one
// request per resource, measured in the same run and reported as a ratio; the adapter's own CPU
// time against the wall time; the cost of a sync with nothing new.
// Run: npx tsx bench/outbound-sync.bench.ts [changes] [cases]   (LINKWELL_BENCH_FHIR_BASE reuses a server)
const CHANGES = Number(process.argv[2] ?? 2000);
// Goals spread over this many cases, as on a real caseload (argv[3]; 1 puts every goal on one Task).
const CASES = Number(process.argv[3] ?? 50);

async function scenario(
  base: string,
  label: string,
  strategy: 'transaction' | 'per-resource',
  changes = CHANGES,
  caseCount = CASES,
) {
  const service = `bench-${label}-${Date.now().toString(36)}`;
  const ids = await seedService(base, service);
  for (let c = 0; c < caseCount; c += 1) {
    await postBundle(base, gpReferral(ids, `${service}-${String(c)}`));
  }
  const config = loadConfig({
    ADAPTER_FHIR_BASE: base,
    ADAPTER_FHIR_AUTH: 'none',
    ADAPTER_SERVICE_ORG: service,
    ADAPTER_DATA_DIR: mkdtempSync(join(tmpdir(), 'lw-bench-')),
    ADAPTER_SYNC_BATCH: '50',
  });
  const adapter: RunningAdapter = await startAdapter(
    { ...config, port: 0 },
    { log: silentLogger, inMemory: true, timers: false },
  );
  try {
    await adapter.inbound.poll();
    const records = await adapter.cases.listCases(service);
    if (records.length !== caseCount) throw new Error(`expected ${String(caseCount)} cases`);
    const lw = `Practitioner/${service}-lw`;
    for (let i = 0; i < changes; i += 1) {
      await adapter.cases.addGoal({
        caseId: records[i % caseCount]?.id ?? '',
        description: `Goal ${i}`,
        lifecycleStatus: 'active',
        achievement: undefined,
        targetMeasure: undefined,
        targetDetail: undefined,
        targetDue: undefined,
        startDate: '2025-03-02',
        shared: true,
        linkWorker: lw,
      });
    }
    (adapter.outbound as unknown as { options: { strategy: string } }).options.strategy = strategy;
    const cpu = cpuUsage();
    const started = performance.now();
    const report = await adapter.outbound.run();
    const seconds = (performance.now() - started) / 1000;
    const used = cpuUsage(cpu);
    const idleStart = performance.now();
    const idle = await adapter.outbound.run();
    const idleMs = performance.now() - idleStart;
    return {
      label,
      resources: report.written,
      requests: report.requests,
      seconds,
      perSecond: report.written / seconds,
      adapterCpuShare: (used.user + used.system) / 1e6 / seconds,
      noChangeMs: idleMs,
      noChangeRequests: idle.requests,
    };
  } finally {
    await adapter.stop();
  }
}

async function main(): Promise<void> {
  await withBenchFhirServer(async (base) => {
    await scenario(base, 'warm-up', 'transaction', 200);
    const batched = await scenario(base, 'batched', 'transaction');
    const single = await scenario(base, 'per-resource', 'per-resource');
    for (const r of [batched, single]) {
      process.stdout.write(
        `${r.label.padEnd(13)} ${r.resources} resources in ${r.requests} requests, ${r.seconds.toFixed(1)} s: ` +
          `${r.perSecond.toFixed(0)} resources/s; adapter CPU ${(100 * r.adapterCpuShare).toFixed(0)}% of wall time; ` +
          `no-change sync ${r.noChangeMs.toFixed(1)} ms, ${r.noChangeRequests} requests\n`,
      );
    }
    process.stdout.write(
      `throughput ratio batched / per-resource: ${(batched.perSecond / single.perSecond).toFixed(2)}x (${CHANGES} changes over ${CASES} cases, each)\n`,
    );
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
