import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle } from 'fhir/r4';
import { freePort } from '@linkwell/service-kit';
import {
  loadConfig,
  silentLogger,
  startAdapter,
  type RunningAdapter,
} from '@linkwell/fhir-server-adapter';
import { LINKWELL_IDENTIFIER_SYSTEMS } from '@linkwell/profiles';
import { gpReferral, seedService, withBenchFhirServer } from './support/seed';

// The closed loop's latency against a real HAPI FHIR server, over N referrals:
//  1. GP submit -> case visible in the link worker's caseload (HAPI's rest-hook Subscription
//     delivers; the adapter's poll is switched off, so only live delivery can make it appear);
//  2. link worker saves a goal -> the Goal is readable on the FHIR server (where the GP app reads it).
// Baseline in the same run: the bare FHIR round trips the loop cannot beat (the same transaction
// POSTed and read back; one Goal POSTed and read back). Medians, 95th percentiles and ratios.
// Run: npx tsx bench/loop-latency.bench.ts [referrals]   (LINKWELL_BENCH_FHIR_BASE reuses a server)
const REFERRALS = Number(process.argv[2] ?? 50);
const POLL_MS = 10;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function fhir(base: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${base}/${path}`, {
    method,
    headers: { 'content-type': 'application/fhir+json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(
      `${method} ${path}: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`,
    );
  return response.json();
}

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(POLL_MS);
  }
}

function stats(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { median: at(0.5), p95: at(0.95) };
}

async function startLiveAdapter(
  base: string,
  service: string,
  lw: string,
): Promise<RunningAdapter> {
  const port = await freePort();
  const config = loadConfig({
    ADAPTER_PORT: String(port),
    ADAPTER_PUBLIC_URL: `http://localhost:${port}`,
    ADAPTER_FHIR_BASE: base,
    ADAPTER_FHIR_AUTH: 'none',
    ADAPTER_SERVICE_ORG: service,
    ADAPTER_DATA_DIR: mkdtempSync(join(tmpdir(), 'lw-bench-loop-')),
    // Live delivery only: the catch-up poll and the periodic sync wait a day.
    ADAPTER_POLL_SECONDS: '86400',
    ADAPTER_SYNC_SECONDS: '86400',
  });
  const practitioner = `Practitioner/${lw}` as const;
  return startAdapter(config, {
    log: silentLogger,
    inMemory: true,
    authenticate: () => Promise.resolve({ practitioner, serviceOrg: service }),
  });
}

async function api(
  adapter: RunningAdapter,
  method: string,
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${adapter.url}/api${path}`, {
    method,
    headers: { authorization: 'Bearer bench', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

async function measure(base: string): Promise<void> {
  const service = `bench-loop-${Date.now().toString(36)}`;
  const ids = await seedService(base, service, [`${service}-floor`]);
  const adapter = await startLiveAdapter(base, service, ids.lw);
  const toCase: number[] = [];
  const toRecord: number[] = [];
  const floorReferral: number[] = [];
  const floorGoal: number[] = [];
  try {
    await until('the Subscription to be active', async () => {
      const found = (await fhir(base, 'GET', 'Subscription?status=active&_count=500')) as Bundle;
      const ours = (found.entry ?? []).filter((e) =>
        JSON.stringify(e.resource ?? {}).includes(`Organization/${service}`),
      );
      return ours.length > 0 ? true : undefined;
    });
    for (let i = 0; i < REFERRALS; i += 1) {
      const started = performance.now();
      const response = (await fhir(base, 'POST', '', gpReferral(ids))) as Bundle;
      const taskId = /Task\/([^/]+)/.exec(response.entry?.[2]?.response?.location ?? '')?.[1];
      const row = await until('the case in the caseload', async () => {
        const caseload = (await api(adapter, 'GET', '/caseload')) as {
          cases: { id: string; taskId: string }[];
        };
        return caseload.cases.find((c) => c.taskId === taskId);
      });
      toCase.push(performance.now() - started);
      await api(adapter, 'POST', `/cases/${row.id}/accept`);
      const saved = performance.now();
      const goal = (await api(adapter, 'POST', `/cases/${row.id}/goals`, {
        description: `Goal ${i}`,
        share: true,
      })) as { id: string };
      const identifier = encodeURIComponent(`${LINKWELL_IDENTIFIER_SYSTEMS.goal}|${goal.id}`);
      await until('the Goal on the FHIR server', async () => {
        const found = (await fhir(base, 'GET', `Goal?identifier=${identifier}`)) as Bundle;
        return (found.entry?.length ?? 0) > 0 ? true : undefined;
      });
      toRecord.push(performance.now() - saved);
      // Floors: the same kinds of writes, straight to HAPI and read back.
      const floorStart = performance.now();
      const direct = (await fhir(
        base,
        'POST',
        '',
        gpReferral({ ...ids, service: `${service}-floor` }),
      )) as Bundle;
      await fhir(
        base,
        'GET',
        (direct.entry?.[2]?.response?.location ?? '').replace(/\/_history\/.*$/, ''),
      );
      floorReferral.push(performance.now() - floorStart);
      const goalStart = performance.now();
      const created = (await fhir(base, 'POST', 'Goal', {
        resourceType: 'Goal',
        lifecycleStatus: 'active',
        description: { text: `Floor ${i}` },
        subject: { reference: `Patient/${ids.patient}` },
      })) as { id: string };
      await fhir(base, 'GET', `Goal/${created.id}`);
      floorGoal.push(performance.now() - goalStart);
    }
  } finally {
    await adapter.stop();
  }
  const report = (label: string, samples: number[], floor: number[]): void => {
    const s = stats(samples);
    const f = stats(floor);
    process.stdout.write(
      `${label.padEnd(40)} median ${s.median.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms ` +
        `(floor: median ${f.median.toFixed(0)} ms, p95 ${f.p95.toFixed(0)} ms; ratio of medians ${(s.median / f.median).toFixed(1)}x)\n`,
    );
  };
  process.stdout.write(`${REFERRALS} referrals, live delivery only (poll off)\n`);
  report('GP submit -> case in the caseload', toCase, floorReferral);
  report('link-worker save -> Goal on the FHIR server', toRecord, floorGoal);
}

async function main(): Promise<void> {
  await withBenchFhirServer(async (base) => {
    await measure(base);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
