import { createHash } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEMO_IMD_LOOKUP,
  insights,
  silentLogger,
  type Database,
} from '@linkwell/fhir-server-adapter';
import { onEachStore } from './support/each-store';
import { datasetRows as datasetRowsBefore } from './support/insights-before/dataset-queries';
import {
  equityRows as equityBefore,
  outcomeRows as outcomeBefore,
} from './support/insights-before/outcome-queries';
import {
  flowRows as flowBefore,
  supportRows as supportBefore,
  timelinessRows as timelinessBefore,
} from './support/insights-before/queries';

// The manager's view (every section of GET /api/insights, one report) and the minimum-dataset CSV
// export over N made-up cases with their contacts, goals, questionnaires and onward referrals, on
// PGlite and on PostgreSQL. Two baselines in the same run: a bare count(*) of the service's cases,
// and "before": the queries as they were before migration 11 kept figures per case (a frozen copy
// in support/insights-before/), over the same data. The run fails unless the before and after
// figures are identical and the two CSV files are the same bytes. The "before" queries count each
// case as a person; today's count each person once (insights/people.ts), so the two agree only
// where every person has one case: the demo's cases each have their own Patient, and the run
// checks that before comparing (a person with two cases would make them differ, rightly).
// Peak RSS is sampled every 20 ms during each export (PGlite runs in a worker of this process;
// PostgreSQL's own memory is its server's, not counted).
// Run: npm run bench:insights [-- cases]   (default 50,000)
const CASES = Number(process.argv[2] ?? 50_000);
const SERVICE = 'bench-insights';
const ROUNDS = 3;
const NOW = new Date('2026-06-30T12:00:00Z');
const TODAY = NOW.toISOString().slice(0, 10);
const filter: insights.InsightsFilter = {
  serviceOrg: SERVICE,
  from: undefined,
  to: undefined,
  practice: undefined,
  worker: undefined,
  need: undefined,
};
const measures = insights.REPORTED_MEASURES;

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

/** Runs `work` sampling this process's RSS every 20 ms: [result, ms, rss before, peak]. */
async function sampled<T>(work: () => Promise<T>): Promise<[T, number, number, number]> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    const [result, ms] = await timed(work);
    return [result, ms, before, Math.max(peak, process.memoryUsage().rss)];
  } finally {
    clearInterval(sampler);
  }
}

/** The raw figures of every section, as the report builds them (after: the adapter's queries). */
const figuresAfter = (db: Database): Promise<unknown[]> =>
  Promise.all([
    insights.flowRows(db, filter),
    insights.timelinessRows(db, filter, TODAY),
    insights.supportRows(db, filter),
    insights.outcomeRows(db, filter, measures),
    insights.equityRows(db, filter, measures),
  ]);
const figuresBefore = (db: Database): Promise<unknown[]> =>
  Promise.all([
    flowBefore(db, filter),
    timelinessBefore(db, filter, TODAY),
    supportBefore(db, filter),
    outcomeBefore(db, filter, measures),
    equityBefore(db, filter, measures),
  ]);

/** The minimum-dataset CSV as the export wrote it before (same columns, same writer). */
async function exportBefore(db: Database, file: string): Promise<number> {
  const out = createWriteStream(file);
  const write = (text: string): Promise<void> =>
    out.write(text) ? Promise.resolve() : new Promise((resolve) => out.once('drain', resolve));
  await write(insights.csvHeader(insights.SERVICE_COLUMNS));
  let rows = 0;
  for await (const batch of datasetRowsBefore(db, filter, measures, { consentedOnly: false })) {
    await write(batch.map((row) => insights.csvLine(insights.SERVICE_COLUMNS, row)).join(''));
    rows += batch.length;
  }
  await new Promise<void>((resolve) => out.end(resolve));
  return rows;
}

async function run(name: string, db: Database): Promise<void> {
  const cases = insights.demoCases({
    count: CASES,
    serviceOrg: SERVICE,
    workers: ['Practitioner/a', 'Practitioner/b', 'Practitioner/c', 'Practitioner/d'],
    now: NOW,
    prefix: `bench-${Date.now().toString(36)}`,
  });
  // As the adapter starts: the lookup first, then the demo's cases written in bulk.
  const [, lookupMs] = await timed(() => insights.loadDeprivationLookup(db, DEMO_IMD_LOOKUP));
  const [, seedMs] = await timed(() => insights.writeSyntheticCases(db, cases));
  await db.query('ANALYZE');
  const [counts] = await db.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM contact_attempts)::integer AS contacts,
      (SELECT count(*) FROM questionnaire_answers)::integer AS answers,
      (SELECT count(*) FROM goals)::integer AS goals,
      (SELECT count(*) FROM onward_referrals)::integer AS onward`,
  );
  const [people] = await db.query<{ cases: number; people: number }>(
    `SELECT count(*)::integer AS cases, count(DISTINCT person)::integer AS people
     FROM case_insights WHERE service_org = $1`,
    [SERVICE],
  );
  if (people === undefined || people.people !== people.cases) {
    throw new Error(`${name}: some people have several cases; before and after would differ`);
  }
  const deps = { db, measures, nameOf: () => Promise.resolve(undefined), now: () => NOW };

  // After: warm, then the median of ROUNDS, each beside the count(*) baseline.
  await insights.insightsReport(deps, filter);
  const baseline: number[] = [];
  const view: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    const count = () => db.query('SELECT count(*) FROM cases WHERE service_org = $1', [SERVICE]);
    baseline.push((await timed(count))[1]);
    view.push((await timed(() => insights.insightsReport(deps, filter)))[1]);
  }
  const dir = mkdtempSync(join(tmpdir(), 'linkwell-bench-exports-'));
  const jobs = new insights.ExportJobs({
    db,
    dir: join(dir, 'jobs'),
    measures,
    pseudonymKey: Buffer.alloc(32, 1),
    log: silentLogger,
  });
  const [job, exportMs, rssBefore, rssPeak] = await sampled(async () => {
    const started = await jobs.start('csv', filter, 'Practitioner/bench');
    return jobs.finished(started.id);
  });
  if (job?.status !== 'done') throw new Error(`${name}: the export ${job?.status ?? 'vanished'}`);
  const afterFile = jobs.file(job);

  // Before: one round each (they take seconds), after the after's so its RSS is not inflated.
  const [before, viewBeforeMs] = await timed(() => figuresBefore(db));
  const beforeFile = join(dir, 'before.csv');
  const [rowsBefore, exportBeforeMs, rssBeforeOld, rssPeakOld] = await sampled(() =>
    exportBefore(db, beforeFile),
  );
  const after = await figuresAfter(db);
  const sameFigures = JSON.stringify(before) === JSON.stringify(after);
  const sameExport = sha(beforeFile) === sha(afterFile) && rowsBefore === job.rows;
  const size = statSync(afterFile).size;
  rmSync(dir, { recursive: true, force: true });
  const viewMs = median(view);
  console.log(
    [
      `${name}: ${CASES} cases (${counts?.contacts} contacts, ${counts?.answers} questionnaires, ${counts?.goals} goals, ${counts?.onward} onward referrals), written in ${(seedMs / 1000).toFixed(1)} s after the deprivation lookup (${s(lookupMs)})`,
      `  view (one report, all sections): after ${viewMs.toFixed(0)} ms (median of ${ROUNDS}), before ${viewBeforeMs.toFixed(0)} ms: ${(viewBeforeMs / viewMs).toFixed(1)}x faster; baseline count(*) ${median(baseline).toFixed(1)} ms, view/baseline ${(viewMs / Math.max(median(baseline), 0.01)).toFixed(0)}x`,
      `  export (minimum dataset CSV, ${job.rows} rows, ${mb(size)}): after ${s(exportMs)} (${(job.rows / (exportMs / 1000)).toFixed(0)} rows/s), before ${s(exportBeforeMs)}: ${(exportBeforeMs / exportMs).toFixed(1)}x faster`,
      `  RSS during the export: after ${mb(rssBefore)} -> peak ${mb(rssPeak)} (+${mb(rssPeak - rssBefore)}); before ${mb(rssBeforeOld)} -> peak ${mb(rssPeakOld)} (+${mb(rssPeakOld - rssBeforeOld)})`,
      `  same figures before and after (${people.people} people, one case each): ${sameFigures ? 'yes' : 'NO'}; same CSV bytes: ${sameExport ? 'yes' : 'NO'}`,
    ].join('\n'),
  );
  if (!sameFigures || !sameExport) {
    throw new Error(`${name}: the new queries changed a figure or the export`);
  }
}

async function main(): Promise<void> {
  await onEachStore(run);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
