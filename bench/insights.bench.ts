import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insights, openDatabase, silentLogger, type Database } from '@linkwell/fhir-server-adapter';
import { startThrowawayPostgres } from '@linkwell/test-kit';

// The manager's view (every section of GET /api/insights, one report) and the minimum-dataset CSV
// export over N made-up cases with their contacts, goals, questionnaires and onward referrals, on
// PGlite and on PostgreSQL. Baseline in the same run: a bare count(*) of the service's cases.
// Peak RSS is sampled every 20 ms during the export (PGlite runs in a worker of this process).
// Run: npm run bench:insights [-- cases]   (default 50,000)
const CASES = Number(process.argv[2] ?? 50_000);
const SERVICE = 'bench-insights';
const ROUNDS = 3;
const filter: insights.InsightsFilter = {
  serviceOrg: SERVICE,
  from: undefined,
  to: undefined,
  practice: undefined,
  worker: undefined,
  need: undefined,
};

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

async function run(name: string, db: Database): Promise<void> {
  const cases = insights.demoCases({
    count: CASES,
    serviceOrg: SERVICE,
    workers: ['Practitioner/a', 'Practitioner/b', 'Practitioner/c', 'Practitioner/d'],
    now: new Date('2026-06-30T12:00:00Z'),
    prefix: `bench-${Date.now().toString(36)}`,
  });
  const [, seedMs] = await timed(() => insights.writeSyntheticCases(db, cases));
  await db.query('ANALYZE');
  const [[counts]] = await Promise.all([
    db.query<Record<string, number>>(
      `SELECT (SELECT count(*) FROM contact_attempts)::integer AS contacts,
        (SELECT count(*) FROM questionnaire_answers)::integer AS answers,
        (SELECT count(*) FROM goals)::integer AS goals,
        (SELECT count(*) FROM onward_referrals)::integer AS onward`,
    ),
  ]);
  const deps = {
    db,
    measures: insights.REPORTED_MEASURES,
    nameOf: () => Promise.resolve(undefined),
    now: () => new Date('2026-06-30T12:00:00Z'),
  };
  await insights.insightsReport(deps, filter); // warm
  const baseline: number[] = [];
  const view: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    baseline.push(
      (
        await timed(() => db.query('SELECT count(*) FROM cases WHERE service_org = $1', [SERVICE]))
      )[1],
    );
    view.push((await timed(() => insights.insightsReport(deps, filter)))[1]);
  }
  const dir = mkdtempSync(join(tmpdir(), 'linkwell-bench-exports-'));
  const jobs = new insights.ExportJobs({
    db,
    dir,
    measures: insights.REPORTED_MEASURES,
    pseudonymKey: Buffer.alloc(32, 1),
    log: silentLogger,
  });
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 20);
  const [job, exportMs] = await timed(async () => {
    const started = await jobs.start('csv', filter, 'Practitioner/bench');
    return jobs.finished(started.id);
  });
  clearInterval(sampler);
  const size = job === undefined ? 0 : statSync(jobs.file(job)).size;
  rmSync(dir, { recursive: true, force: true });
  console.log(
    [
      `${name}: ${CASES} cases (${counts?.contacts} contacts, ${counts?.answers} questionnaires, ${counts?.goals} goals, ${counts?.onward} onward referrals), written in ${(seedMs / 1000).toFixed(1)} s`,
      `  view (one report, all sections): median ${median(view).toFixed(0)} ms of ${ROUNDS}; baseline count(*) ${median(baseline).toFixed(1)} ms; ratio ${(median(view) / Math.max(median(baseline), 0.01)).toFixed(0)}x`,
      `  export (minimum dataset CSV): ${job?.status} ${job?.rows} rows in ${(exportMs / 1000).toFixed(1)} s = ${((job?.rows ?? 0) / (exportMs / 1000)).toFixed(0)} rows/s, ${mb(size)} file`,
      `  RSS before export ${mb(rssBefore)}, peak during export ${mb(rssPeak)} (+${mb(rssPeak - rssBefore)})`,
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  const pglite = await openDatabase({ inMemory: true });
  try {
    await run('PGlite', pglite);
  } finally {
    await pglite.close();
  }
  const server = await startThrowawayPostgres();
  try {
    const postgres = await openDatabase({ databaseUrl: server.url });
    try {
      await run('PostgreSQL', postgres);
    } finally {
      await postgres.close();
    }
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
