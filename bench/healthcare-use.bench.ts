import { DEFAULT_ENDPOINT, insights, type Database } from '@linkwell/fhir-server-adapter';
import { onEachStore } from './support/each-store';

// Healthcare use before and after over N made-up consented cases, each with the demo's made-up
// Encounters for a year either side of referral, on PGlite and on PostgreSQL: the section (one
// SQL pass over the cached Encounters, GROUPING SETS) against a baseline in the same run, a bare
// count(*) of the cached Encounters. Run: npm run bench:healthcare-use [-- cases] (default 20,000)
const CASES = Number(process.argv[2] ?? 20_000);
const SERVICE = 'bench-use';
const ROUNDS = 3;
const NOW = new Date('2026-06-30T12:00:00Z');
const TODAY = '2026-06-30';
const filter: insights.InsightsFilter = {
  serviceOrg: SERVICE,
  from: undefined,
  to: undefined,
  practice: undefined,
  worker: undefined,
  need: undefined,
};

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

async function run(name: string, db: Database): Promise<void> {
  const prefix = `bench-${Date.now().toString(36)}`;
  const cases = insights
    .demoCases({ count: CASES, serviceOrg: SERVICE, workers: ['Practitioner/a'], now: NOW, prefix })
    .map((c) => ({ ...c, consent: 'shared' as const }));
  const [, seedMs] = await timed(async () => {
    await insights.writeSyntheticCases(db, cases);
    for (let start = 0; start < cases.length; start += 500) {
      const chunk = cases.slice(start, start + 500);
      const rows = chunk.flatMap((c, i) => {
        const day = (c.facts?.referredAt ?? c.receivedAt).slice(0, 10);
        const id = c.patientRef.replace(/^Patient\//, '');
        return demoEncountersRows(id, day, start + i);
      });
      const patients = chunk.map((c) => ({
        patientRef: c.patientRef,
        from: `${String(Number(c.receivedAt.slice(0, 4)) - 1)}${c.receivedAt.slice(4, 10)}`,
      }));
      await db.transaction((tx) =>
        insights.saveEncounters(tx, DEFAULT_ENDPOINT, patients, rows, TODAY),
      );
    }
  });
  await db.query('ANALYZE');
  const [count] = await db.query<{ n: number }>(
    'SELECT count(*)::integer AS n FROM patient_encounters',
  );
  await insights.healthcareUseSection(db, filter, TODAY, undefined); // warm
  const baseline: number[] = [];
  const section: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    baseline.push((await timed(() => db.query('SELECT count(*) FROM patient_encounters')))[1]);
    section.push(
      (await timed(() => insights.healthcareUseSection(db, filter, TODAY, undefined)))[1],
    );
  }
  console.log(
    [
      `${name}: ${CASES} consented cases, ${count?.n} cached Encounters, written in ${(seedMs / 1000).toFixed(1)} s`,
      `  section (overall, by practice, by referral month; 6 and 12 months; 3 settings): median ${median(section).toFixed(0)} ms of ${ROUNDS}; baseline count(*) ${median(baseline).toFixed(1)} ms; ratio ${(median(section) / Math.max(median(baseline), 0.01)).toFixed(1)}x`,
    ].join('\n'),
  );
}

function demoEncountersRows(patientId: string, day: string, seed: number): insights.EncounterRow[] {
  return insights
    .demoEncounters(patientId, day, NOW, seed)
    .encounters.flatMap((e) => insights.encounterRow(e) ?? []);
}

async function main(): Promise<void> {
  await onEachStore(run);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
