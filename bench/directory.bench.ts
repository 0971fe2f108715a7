import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle, BundleEntry } from 'fhir/r4';
import {
  createKitGateway,
  loadConfig,
  silentLogger,
  startAdapter,
  type FhirGateway,
} from '@linkwell/fhir-server-adapter';
import { generateFeed, startOrukFeed } from '@linkwell/oruk-feed';
import { postBundle, withBenchFhirServer } from './support/seed';

// The community directory at a city's size: import of a 5,000-service ORUK feed into HAPI
// (services/s against HAPI's own rate for bare PUT transactions of the same resources, peak RSS),
// a re-import of the unchanged feed (FHIR requests counted: the goal is 0), and search latency
// over the 5,000 (p50/p95, against a trivial API route in the same process).
// Run: npm run bench:directory -- [services]   (LINKWELL_BENCH_FHIR_BASE reuses a running HAPI)
const SERVICES = Number(process.argv[2] ?? 5000);
const SEARCHES = 300;

/** Counts every request the adapter makes of the FHIR server. */
function counting(inner: FhirGateway): FhirGateway & { count: () => number } {
  let n = 0;
  const tick = <T>(p: Promise<T>): Promise<T> => {
    n += 1;
    return p;
  };
  return {
    count: () => n,
    transaction: (b) => tick(inner.transaction(b)),
    read: (t, id) => tick(inner.read(t, id)),
    search: (t, p) => tick(inner.search(t, p)),
    nextPage: (b) => tick(inner.nextPage(b)),
    request: (m, u, b, h) => tick(inner.request(m, u, b, h)),
  };
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function latencies(url: (i: number) => string, rounds: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const started = process.hrtime.bigint();
    const response = await fetch(url(i), { headers: { authorization: 'Bearer bench' } });
    if (!response.ok) throw new Error(`${url(i)}: HTTP ${response.status}`);
    await response.arrayBuffer();
    out.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return out.sort((a, b) => a - b);
}

/** HAPI's own rate for the same kind of write: PUT transactions of directory-shaped resources. */
async function bareWriteRate(base: string, run: string): Promise<number> {
  const services = 300;
  const started = process.hrtime.bigint();
  for (let b = 0; b < services / 50; b += 1) {
    const entry: BundleEntry[] = [];
    for (let i = 0; i < 50; i += 1) {
      const n = b * 50 + i;
      const org = {
        resourceType: 'Organization' as const,
        id: `${run}-o-${n}`,
        name: `Org ${n}`,
        active: true,
      };
      const loc = {
        resourceType: 'Location' as const,
        id: `${run}-l-${n}`,
        name: `Venue ${n}`,
        status: 'active' as const,
      };
      const svc = {
        resourceType: 'HealthcareService' as const,
        id: `${run}-s-${n}`,
        name: `Service ${n}`,
        active: true,
        providedBy: { reference: `Organization/${org.id}` },
        location: [{ reference: `Location/${loc.id}` }],
      };
      for (const r of [org, loc, svc])
        entry.push({ resource: r, request: { method: 'PUT', url: `${r.resourceType}/${r.id}` } });
    }
    await postBundle(base, { resourceType: 'Bundle', type: 'transaction', entry } satisfies Bundle);
  }
  return services / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function main(base: string): Promise<void> {
  const run = `bench-${Date.now().toString(36)}`;
  const feed = await startOrukFeed({
    port: 0,
    services: generateFeed({ count: SERVICES, seed: 5 }),
  });
  const gateway = counting(createKitGateway(base));
  const config = loadConfig({
    ADAPTER_PORT: '1',
    ADAPTER_FHIR_BASE: base,
    ADAPTER_FHIR_AUTH: 'none',
    ADAPTER_DATA_DIR: mkdtempSync(join(tmpdir(), 'linkwell-bench-dir-')),
    ADAPTER_DIRECTORY_FEED_URL: feed.url,
    ADAPTER_DIRECTORY_FEED_NAME: run,
    ADAPTER_DIRECTORY_IMPORT_MINUTES: '0',
  });
  const adapter = await startAdapter(
    { ...config, port: 0 },
    {
      log: silentLogger,
      inMemory: true,
      timers: false,
      gateway,
      authenticate: () =>
        Promise.resolve({ practitioner: 'Practitioner/bench-lw', serviceOrg: 'bench-service' }),
    },
  );
  try {
    const bare = await bareWriteRate(base, run);
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const rssBefore = process.memoryUsage().rss;
    const started = process.hrtime.bigint();
    const first = await adapter.directory.startImport().done;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    clearInterval(sampler);
    const rate = first.created / seconds;
    const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(0)} MB`;
    process.stdout.write(
      `import: ${first.created} services (${first.resourcesWritten} resources, ${first.transactions} transactions, ${first.refused.length} refused) in ${seconds.toFixed(1)} s = ${rate.toFixed(0)} services/s\n` +
        `  HAPI's bare PUT transactions of the same shape: ${bare.toFixed(0)} services/s; import/bare = ${(rate / bare).toFixed(2)}\n` +
        `  RSS ${mb(rssBefore)} before, peak ${mb(peak)} during the import\n`,
    );
    const requestsBefore = gateway.count();
    const again = await adapter.directory.startImport().done;
    process.stdout.write(
      `re-import, nothing changed: ${gateway.count() - requestsBefore} FHIR requests, ${again.resourcesWritten} resources written, ${again.unchanged} unchanged\n`,
    );
    const queries = [
      'need=loneliness',
      'text=walking',
      'near=ZZ1%203CC',
      'need=money-debt&near=ZZ1%205DD&age=70',
      'openNow=true&near=ZZ1%201AA',
      'day=TU&need=physical-inactivity',
      'text=riverside%20club&age=30',
    ];
    const search = await latencies(
      (i) => `${adapter.url}/api/directory/services?${queries[i % queries.length] ?? ''}`,
      SEARCHES,
    );
    const trivial = await latencies(() => `${adapter.url}/api/directory/needs`, SEARCHES);
    process.stdout.write(
      `search over ${SERVICES} services (${SEARCHES} queries): p50 ${percentile(search, 50).toFixed(1)} ms, p95 ${percentile(search, 95).toFixed(1)} ms\n` +
        `  trivial route in the same process: p50 ${percentile(trivial, 50).toFixed(1)} ms, p95 ${percentile(trivial, 95).toFixed(1)} ms; search/trivial p95 = ${(percentile(search, 95) / percentile(trivial, 95)).toFixed(1)}\n`,
    );
  } finally {
    await adapter.stop();
    await feed.stop();
  }
}

void withBenchFhirServer(main).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
