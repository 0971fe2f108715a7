import { openDatabase } from '../db/open';
import type { Database } from '../db/database';
import { datasetRows } from './dataset-queries';
import { seedDemoCases } from './demo-seed';

// The research extract takes only the cases whose person permits research: on the demo's cases
// it is not empty, and visibly smaller than the service's own minimum dataset.
const filter = {
  serviceOrg: 'svc',
  from: undefined,
  to: undefined,
  practice: undefined,
  worker: undefined,
  need: undefined,
};

async function caseIds(db: Database, researchOnly: boolean): Promise<string[]> {
  const ids: string[] = [];
  for await (const batch of datasetRows(db, filter, { researchOnly })) {
    ids.push(...batch.map((row) => String(row.case_id)));
  }
  return ids;
}

describe('research extract on the demo cases', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ inMemory: true });
    await seedDemoCases(db, {
      serviceOrg: 'svc',
      workers: ['Practitioner/a', 'Practitioner/b'],
      now: new Date('2026-06-30T12:00:00Z'),
    });
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('holds most but not all consented cases, and only those permitting research', async () => {
    const all = await caseIds(db, false);
    const research = await caseIds(db, true);
    const permitted = await db.query<{ case_id: string }>(
      `SELECT case_id FROM case_consents WHERE research AND status = 'active'
         AND share_with_service AND withdrawn_at IS NULL ORDER BY case_id`,
    );
    const [consented] = await db.query<{ n: number }>(
      `SELECT count(*)::integer AS n FROM case_consents WHERE status = 'active'`,
    );
    expect(research).toEqual(permitted.map((r) => r.case_id));
    expect(research.length).toBeGreaterThan((consented?.n ?? 0) / 2);
    expect(research.length).toBeLessThan(consented?.n ?? 0);
    expect(all.length).toBeGreaterThan(consented?.n ?? 0);
    expect(all).toEqual(expect.arrayContaining(research));
  }, 60_000);
});
