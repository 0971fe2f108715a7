import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuUsage } from 'node:process';
import type { Bundle } from 'fhir/r4';
import {
  createKitGateway,
  loadConfig,
  silentLogger,
  startAdapter,
  type RunningAdapter,
} from '@linkwell/fhir-server-adapter';
import { recordingGateway, replayRaw } from './support/raw-replay';
import { gpReferral, postBundle, seedService, withBenchFhirServer } from './support/seed';

// Outbound sync throughput against a real HAPI FHIR server, all in one run: HAPI's raw ceiling for
// the very transactions the batched sync sent; batched sync; one request per resource; the
// adapter's own CPU time against the wall time; the cost of a sync with nothing new; and, with a
// PostgreSQL store, one adapter against two draining the same outbox. (The catch-up after an
// outage is bench/catch-up.bench.ts.)
// Run: npx tsx bench/outbound-sync.bench.ts [changes] [cases]
//   LINKWELL_BENCH_FHIR_BASE reuses a server; LINKWELL_BENCH_DATABASE_URL (a PostgreSQL server)
//   adds 1 vs 2 replicas; LINKWELL_BENCH_PARTS picks parts; ADAPTER_SYNC_LANES the batches in
//   flight per adapter (default 2).
const CHANGES = Number(process.argv[2] ?? 2000);
// Goals spread over this many cases, as on a real caseload (argv[3]; 1 puts every goal on one Task).
const CASES = Number(process.argv[3] ?? 50);
const DATABASE_URL = process.env.LINKWELL_BENCH_DATABASE_URL ?? '';
// Which parts run (comma-separated): throughput, replicas; all when unset.
// Batches each adapter has in flight (ADAPTER_SYNC_LANES); the raw replay posts as many at once.
const LANES = Number(process.env.ADAPTER_SYNC_LANES ?? 2);
const PARTS = new Set((process.env.LINKWELL_BENCH_PARTS ?? 'throughput,replicas').split(','));

interface Setup {
  strategy?: 'transaction' | 'per-resource';
  changes?: number;
  /** Adapters sharing the store (needs DATABASE_URL when more than one). */
  replicas?: number;
  sent?: Bundle[];
}

async function queueGoals(adapter: RunningAdapter, service: string, changes: number) {
  await adapter.inbound.poll();
  const records = await adapter.cases.listCases(service);
  if (records.length !== CASES) throw new Error(`expected ${String(CASES)} cases`);
  for (let i = 0; i < changes; i += 1) {
    await adapter.cases.addGoal({
      caseId: records[i % CASES]?.id ?? '',
      description: `Goal ${i}`,
      lifecycleStatus: 'active',
      achievement: undefined,
      targetMeasure: undefined,
      targetDetail: undefined,
      targetDue: undefined,
      startDate: '2025-03-02',
      shared: true,
      linkWorker: `Practitioner/${service}-lw`,
    });
  }
}

/** Every replica runs until nothing is left that it can claim and the outbox is empty. */
async function drainAll(adapters: readonly RunningAdapter[]) {
  const total = { written: 0, requests: 0, changesDone: 0 };
  await Promise.all(
    adapters.map(async (adapter) => {
      for (;;) {
        const report = await adapter.outbound.run();
        total.written += report.written;
        total.requests += report.requests;
        total.changesDone += report.changesDone;
        const left = await adapter.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM outbox WHERE state = 'pending'",
        );
        if ((left[0]?.n ?? 0) === 0) return;
        if (report.requests === 0) await new Promise((r) => setTimeout(r, 20));
      }
    }),
  );
  return total;
}

async function scenario(base: string, label: string, setup: Setup = {}) {
  const service = `bench-${label}-${Date.now().toString(36)}`;
  const ids = await seedService(base, service);
  for (let c = 0; c < CASES; c += 1) {
    await postBundle(base, gpReferral(ids, `${service}-${String(c)}`));
  }
  const replicas = setup.replicas ?? 0;
  const adapters: RunningAdapter[] = [];
  for (let r = 0; r < Math.max(1, replicas); r += 1) {
    const config = loadConfig({
      ADAPTER_FHIR_BASE: base,
      ADAPTER_FHIR_AUTH: 'none',
      ADAPTER_SERVICE_ORG: service,
      ADAPTER_DATA_DIR: mkdtempSync(join(tmpdir(), 'lw-bench-')),
      ADAPTER_SYNC_BATCH: '50',
      ADAPTER_SYNC_LANES: String(LANES),
      ...(replicas > 0 ? { DATABASE_URL } : {}),
    });
    const gateway = createKitGateway(base);
    adapters.push(
      await startAdapter(
        { ...config, port: 0 },
        {
          log: silentLogger,
          inMemory: replicas === 0,
          timers: false,
          gateway: setup.sent === undefined ? gateway : recordingGateway(gateway, setup.sent),
        },
      ),
    );
  }
  try {
    const first = adapters[0] as RunningAdapter;
    await queueGoals(first, service, setup.changes ?? CHANGES);
    for (const a of adapters) {
      for (const connection of a.endpoints.values()) {
        (connection.outbound as unknown as { options: { strategy: string } }).options.strategy =
          setup.strategy ?? 'transaction';
      }
    }
    const cpu = cpuUsage();
    const started = performance.now();
    const report = await drainAll(adapters);
    const seconds = (performance.now() - started) / 1000;
    const used = cpuUsage(cpu);
    const idleStart = performance.now();
    const idle = await first.outbound.run();
    return {
      label,
      resources: report.written,
      changes: report.changesDone,
      requests: report.requests,
      seconds,
      perSecond: report.written / seconds,
      changesPerSecond: report.changesDone / seconds,
      adapterCpuShare: (used.user + used.system) / 1e6 / seconds,
      noChangeMs: performance.now() - idleStart,
      noChangeRequests: idle.requests,
    };
  } finally {
    for (const a of adapters) await a.stop();
  }
}

type Result = Awaited<ReturnType<typeof scenario>>;
const line = (r: Result): string =>
  `${r.label.padEnd(14)} ${r.resources} resources in ${r.requests} requests, ${r.seconds.toFixed(1)} s: ` +
  `${r.perSecond.toFixed(0)} resources/s, ${r.changesPerSecond.toFixed(0)} changes/s (${r.changes}); adapter CPU ${(100 * r.adapterCpuShare).toFixed(0)}% of wall time; ` +
  `no-change sync ${r.noChangeMs.toFixed(1)} ms, ${r.noChangeRequests} requests\n`;
const out = (text: string): void => {
  process.stdout.write(text);
};

async function main(): Promise<void> {
  await withBenchFhirServer(async (base) => {
    await scenario(base, 'warm-up', { changes: 200 });
    if (PARTS.has('throughput')) await throughput(base);
    if (DATABASE_URL !== '' && PARTS.has('replicas')) {
      const one = await scenario(base, 'replicas-1', { replicas: 1 });
      const two = await scenario(base, 'replicas-2', { replicas: 2 });
      out(line(one));
      out(line(two));
      out(
        `2 / 1 replicas (one PostgreSQL store, both in this process): ${(two.changesPerSecond / one.changesPerSecond).toFixed(2)}x\n`,
      );
    }
  });
}

async function throughput(base: string): Promise<void> {
  const sent: Bundle[] = [];
  const batched = await scenario(base, 'batched', { sent });
  const raw = await replayRaw(base, sent, LANES);
  const single = await scenario(base, 'per-resource', { strategy: 'per-resource' });
  const rawPerSecond = raw.resources / raw.seconds;
  out(
    `raw HAPI       ${raw.resources} resources in ${sent.length} transactions (the batched run's, replayed ${String(LANES)} at a time), ` +
      `${raw.seconds.toFixed(1)} s: ${rawPerSecond.toFixed(0)} resources/s\n`,
  );
  out(line(batched));
  out(line(single));
  out(
    // The same changes either way; a transaction writes one Provenance per link worker, one request
    // per resource one per record, so the ratio is of changes synced per second.
    `batched / per-resource: ${(batched.changesPerSecond / single.changesPerSecond).toFixed(2)}x (changes/s); ` +
      `batched / raw ceiling: ${((100 * batched.perSecond) / rawPerSecond).toFixed(0)}% ` +
      `(${CHANGES} changes over ${CASES} cases, each)\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
