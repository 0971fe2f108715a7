import type { Database } from '../db/database';
import { demoCases } from './demo-cases';
import { withReturningPeople } from './demo-returning';
import { writeSyntheticCases } from './synthetic-cases';

/** How many made-up cases the demo starts with: enough that most figures pass the 5 rule. */
export const DEMO_CASES = 240;

/**
 * Fills an empty store with the demo's made-up cases (the demo only: ADAPTER_DEMO_SEED). Runs
 * once: a store that has any case of the service, or was seeded before, is left as it is.
 */
export async function seedDemoCases(
  db: Database,
  options: { serviceOrg: string; workers: readonly string[]; now?: Date },
): Promise<number> {
  const [row] = await db.query<{ cases: number; seeded: number }>(
    `SELECT (SELECT count(*) FROM cases WHERE service_org = $1)::integer AS cases,
       (SELECT count(*) FROM sync_state WHERE key = 'insights.demo-seeded')::integer AS seeded`,
    [options.serviceOrg],
  );
  if ((row?.cases ?? 0) > 0 || (row?.seeded ?? 0) > 0 || options.workers.length === 0) return 0;
  const cases = withReturningPeople(
    demoCases({
      count: DEMO_CASES,
      serviceOrg: options.serviceOrg,
      workers: options.workers,
      now: options.now ?? new Date(),
    }),
  );
  // Most of the made-up people agreed to share (healthcare use counts only them).
  await writeSyntheticCases(
    db,
    cases.map((c, i) =>
      i % 12 === 11 ? c : { ...c, consent: 'shared' as const, research: i % 4 !== 2 },
    ),
  );
  await db.query(
    `INSERT INTO sync_state (key, value) VALUES ('insights.demo-seeded', $1)
     ON CONFLICT (key) DO NOTHING`,
    [new Date().toISOString()],
  );
  return cases.length;
}
