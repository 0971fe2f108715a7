import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuUsage } from 'node:process';
import type { Goal, Observation, Provenance, QuestionnaireResponse } from 'fhir/r4';
import {
  loadConfig,
  mappers,
  startAdapter,
  type RunningAdapter,
} from '@linkwell/fhir-server-adapter';
import { LINKWELL_IDENTIFIER_SYSTEMS } from '@linkwell/profiles';
import type { LogFields, Logger } from '@linkwell/service-kit';
import { onceByIdentifier, provenancePerWrite, searchAll } from './support/exactly-once';
import { outageSwitch } from '@linkwell/test-kit';
import { percentiles, table, writeResults } from './support/results';
import { gpReferral, postBundle, seedService, withBenchFhirServer } from './support/seed';

// Catch-up after an outage: the EHR's FHIR endpoint goes unreachable (nothing listens on its
// port) while link workers record changes through the adapter's API (goals and outcome measures,
// shared); the adapter's sync timer keeps trying meanwhile, as in production. Then the endpoint
// comes back: the time until the outbox is empty, resources written per second, and that each
// change is on the FHIR server exactly once (each Goal, Observation and QuestionnaireResponse,
// one Provenance per write).
// Run: npx tsx bench/catch-up.bench.ts [changes] [cases]   (default 20000 over 50 cases)
//   ADAPTER_SYNC_LANES: the adapter's batches in flight at once (default 2);
//   LINKWELL_BENCH_HAPI_DB: postgres (default) or mem, the database of the bench's own HAPI;
//   LINKWELL_BENCH_FHIR_BASE reuses a HAPI; LINKWELL_BENCH_DATABASE_URL keeps the store in
//   PostgreSQL (an empty database) instead of PGlite in memory.
const CHANGES = Number(process.argv[2] ?? 20_000);
const CASES = Number(process.argv[3] ?? 50);
const DATABASE_URL = process.env.LINKWELL_BENCH_DATABASE_URL ?? '';
// Concurrent link-worker requests while recording.
const WRITERS = 8;
const DRAIN_TIMEOUT_MS = 30 * 60_000;
const OUTAGE_AFTER_MS = 20_000;

const out = (text: string): void => {
  process.stdout.write(`${text}\n`);
};
const SWEMWBS = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((i) => [`swemwbs-${String(i)}`, 3]));

/** Keeps the adapter's sync reports and counts runs that stalled or failed (prints nothing). */
function syncLog(): Logger & { drained: LogFields[]; stalled: number; failed: number } {
  const log = {
    drained: [] as LogFields[],
    stalled: 0,
    failed: 0,
    info: (event: string, fields?: LogFields) => {
      if (event === 'sync.drained' && fields) log.drained.push(fields);
    },
    warn: (event: string) => {
      if (event === 'sync.stalled') log.stalled += 1;
    },
    error: (event: string) => {
      if (event === 'sync.failed') log.failed += 1;
    },
  };
  return log;
}

interface Created {
  id: string;
  scores?: { measure: string }[];
}

async function api(adapter: RunningAdapter, path: string, body?: unknown): Promise<Created> {
  const response = await fetch(`${adapter.url}/api${path}`, {
    method: 'POST',
    headers: { authorization: 'Bearer bench', 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${path}: HTTP ${response.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as Created;
}

async function pendingChanges(adapter: RunningAdapter, state = 'pending'): Promise<number> {
  const [row] = await adapter.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM outbox WHERE state = $1',
    [state],
  );
  return row?.n ?? 0;
}

async function until(what: string, probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Records `changes` through the API, `WRITERS` at a time; every other one a measure. */
async function record(adapter: RunningAdapter, caseIds: readonly string[], changes: number) {
  const goals: string[] = [];
  const measures: string[] = [];
  const observations: string[] = [];
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      for (let i = next++; i < changes; i = next++) {
        const path = `/cases/${caseIds[i % caseIds.length] ?? ''}`;
        const started = performance.now();
        if (i % 2 === 0) {
          goals.push(
            (await api(adapter, `${path}/goals`, { description: `Goal ${String(i)}`, share: true }))
              .id,
          );
        } else {
          const body = { instrument: 'swemwbs', timing: 'baseline', answers: SWEMWBS, share: true };
          const made = await api(adapter, `${path}/questionnaires`, body);
          measures.push(made.id);
          for (const score of made.scores ?? []) observations.push(`${made.id}.${score.measure}`);
        }
        latencies.push(performance.now() - started);
      }
    }),
  );
  return { goals, measures, observations, latencies };
}

async function measure(base: string): Promise<void> {
  const service = `bench-catch-up-${Date.now().toString(36)}`;
  const ids = await seedService(base, service);
  for (let c = 0; c < CASES; c += 1)
    await postBundle(base, gpReferral(ids, `${service}-${String(c)}`));
  const ehr = await outageSwitch(base);
  const log = syncLog();
  const config = loadConfig({
    ADAPTER_FHIR_BASE: ehr.base,
    ADAPTER_FHIR_AUTH: 'none',
    ADAPTER_SERVICE_ORG: service,
    ADAPTER_DATA_DIR: mkdtempSync(join(tmpdir(), 'lw-bench-catch-up-')),
    ADAPTER_SUBSCRIBE: 'false',
    ADAPTER_POLL_SECONDS: '86400',
    ADAPTER_SYNC_SECONDS: '1',
    ADAPTER_SYNC_LANES: process.env.ADAPTER_SYNC_LANES ?? '2',
    ...(DATABASE_URL === '' ? {} : { DATABASE_URL }),
  });
  const adapter = await startAdapter(
    { ...config, port: 0 },
    {
      log,
      inMemory: DATABASE_URL === '',
      authenticate: () =>
        Promise.resolve({ practitioner: `Practitioner/${ids.lw}`, serviceOrg: service }),
    },
  );
  try {
    await adapter.inbound.poll();
    const caseIds = (await adapter.cases.listCases(service)).map((c) => c.id);
    if (caseIds.length !== CASES)
      throw new Error(`expected ${String(CASES)} cases, found ${String(caseIds.length)}`);
    for (const id of caseIds) await api(adapter, `/cases/${id}/accept`);
    await until('the accepts to sync', async () => (await pendingChanges(adapter)) === 0);
    await ehr.down();
    const recordStart = performance.now();
    const written = await record(adapter, caseIds, CHANGES);
    const recordSeconds = (performance.now() - recordStart) / 1000;
    // Down a while longer, so that a sync run gives up at least once (send retries for ~15 s).
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_AFTER_MS));
    const stalledDuringOutage = log.stalled;
    const queued = await pendingChanges(adapter);
    const reportsBefore = log.drained.length;
    await ehr.up();
    const restored = performance.now();
    const cpu = cpuUsage();
    // Pending changes every 30 s: whether the pace holds as the FHIR server fills up, and how long
    // the endpoint's backoff kept the first batch waiting.
    const progress: { seconds: number; pending: number }[] = [];
    let firstWriteSeconds: number | undefined;
    await until('the outbox to drain', async () => {
      const pending = await pendingChanges(adapter);
      const seconds = (performance.now() - restored) / 1000;
      if (firstWriteSeconds === undefined && pending < queued) firstWriteSeconds = seconds;
      if (seconds >= 30 * (progress.length + 1)) progress.push({ seconds, pending });
      return pending === 0;
    });
    const drainSeconds = (performance.now() - restored) / 1000;
    // This process is the adapter (its store, PGlite, runs in a worker thread of it); HAPI is not.
    const used = cpuUsage(cpu);
    const adapterCpuShare = (used.user + used.system) / 1e6 / drainSeconds;
    // The run that wrote the last batch reports once it has let go of its claims.
    await adapter.outbound.run();
    const after = log.drained.slice(reportsBefore);
    const resources = after.reduce((sum, r) => sum + Number(r.written ?? 0), 0);
    const requests = after.reduce((sum, r) => sum + Number(r.requests ?? 0), 0);
    const held = await pendingChanges(adapter, 'held');
    const subject = `subject=Patient/${ids.patient}&_count=500`;
    const [goals, observations, responses, provenances] = await Promise.all([
      searchAll<Goal>(base, `Goal?${subject}`),
      searchAll<Observation>(base, `Observation?${subject}`),
      searchAll<QuestionnaireResponse>(base, `QuestionnaireResponse?${subject}`),
      searchAll<Provenance>(base, `Provenance?agent=Practitioner/${ids.lw}&_count=500`),
    ]);
    const once = [
      onceByIdentifier('Goal', goals, LINKWELL_IDENTIFIER_SYSTEMS.goal, written.goals),
      onceByIdentifier(
        'outcome Observation',
        observations,
        LINKWELL_IDENTIFIER_SYSTEMS.outcome,
        written.observations,
      ),
      onceByIdentifier(
        'QuestionnaireResponse',
        responses,
        mappers.QUESTIONNAIRE_RESPONSE_SYSTEM,
        written.measures,
      ),
    ];
    const provenance = provenancePerWrite(
      provenances,
      [...goals, ...observations, ...responses].map((r) => `${r.resourceType}/${r.id ?? ''}`),
      [],
    );
    const recording = percentiles(written.latencies);
    out(
      `${String(CHANGES)} changes over ${String(CASES)} cases recorded in ${recordSeconds.toFixed(0)} s while the ` +
        `FHIR endpoint was unreachable (API p50 ${recording.p50.toFixed(0)} ms, p99 ${recording.p99.toFixed(0)} ms; ` +
        `${String(stalledDuringOutage)} sync runs stalled on the outage; ${String(queued)} queued)`,
    );
    out(
      `catch-up: drained in ${drainSeconds.toFixed(1)} s (${(drainSeconds / 60).toFixed(1)} min): ${String(resources)} ` +
        `resources in ${String(requests)} requests, ${(resources / drainSeconds).toFixed(0)} resources/s, ` +
        `${(CHANGES / drainSeconds).toFixed(0)} changes/s; ${String(held)} held, ${String(log.failed)} sync runs failed; ` +
        `adapter CPU ${(adapterCpuShare * 100).toFixed(0)}% of the drain's wall time`,
    );
    out(
      `first change written ${(firstWriteSeconds ?? NaN).toFixed(0)} s after the endpoint came back; pending ` +
        progress.map((p) => `${String(p.pending)} at ${p.seconds.toFixed(0)} s`).join(', '),
    );
    out(
      table(
        ['on the FHIR server once?', 'expected', 'found', 'missing', 'duplicated', 'unexpected'],
        once.map((r) => [r.what, r.expected, r.found, r.missing, r.duplicated, r.unexpected]),
      ),
    );
    out(
      `Provenance: ${String(provenance.provenances)}; Goals, Observations and QuestionnaireResponses ` +
        `not the target of exactly one: ${String(provenance.writtenOnceNotOnce)}`,
    );
    const everyChangeOnce =
      once.every((r) => r.missing === 0 && r.duplicated === 0 && r.unexpected === 0) &&
      provenance.writtenOnceNotOnce === 0;
    out(`each change on the FHIR server exactly once: ${everyChangeOnce ? 'yes' : 'NO'}`);
    const path = writeResults('catch-up', {
      everyChangeOnce,
      changes: CHANGES,
      cases: CASES,
      store: DATABASE_URL === '' ? 'pglite' : 'postgresql',
      recordSeconds,
      recordingLatency: recording,
      stalledSyncRunsDuringOutage: stalledDuringOutage,
      failedSyncRuns: log.failed,
      queued,
      drainSeconds,
      firstWriteSeconds,
      progress,
      lanes: config.syncLanes,
      resources,
      requests,
      resourcesPerSecond: resources / drainSeconds,
      adapterCpuShare,
      changesPerSecond: CHANGES / drainSeconds,
      held,
      exactlyOnce: { reports: once, provenance },
    });
    out(`figures written to ${path}`);
  } finally {
    await adapter.stop();
    await ehr.stop();
  }
}

// HAPI on PostgreSQL by default, as production HAPI runs: on H2, HAPI's look-up of the ids the
// batches PUT (each Provenance's) reads the whole resource table, so it grows with the catch-up.
withBenchFhirServer(measure, 'postgres').catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
