import { openDatabase } from '../db/open';
import type { Database } from '../db/database';
import { REPORTED_MEASURES } from './measures';
import { insightsReport } from './report';
import { DEMO_CASES, seedDemoCases } from './demo-seed';
import { demoCases } from './demo-cases';

const filter = {
  serviceOrg: 'svc',
  from: undefined,
  to: undefined,
  practice: undefined,
  worker: undefined,
  need: undefined,
};
const workers = ['Practitioner/a', 'Practitioner/b', 'Practitioner/c'];

describe('demo seed', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ inMemory: true });
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('seeds an empty store once, and every section of the view has figures to show', async () => {
    const now = new Date('2026-06-30T12:00:00Z');
    expect(await seedDemoCases(db, { serviceOrg: 'svc', workers, now })).toBe(DEMO_CASES);
    expect(await seedDemoCases(db, { serviceOrg: 'svc', workers, now })).toBe(0);
    const [{ count } = { count: 0 }] = await db.query<{ count: number }>(
      'SELECT count(*)::integer AS count FROM cases',
    );
    expect(count).toBe(DEMO_CASES);
    const report = await insightsReport(
      { db, measures: REPORTED_MEASURES, nameOf: () => Promise.resolve(undefined), now: () => now },
      filter,
    );
    const someShown = (figures: readonly { suppressed: boolean }[]): boolean =>
      figures.some((f) => !f.suppressed);
    expect(someShown(report.flow.byMonth.map((b) => b.count))).toBe(true);
    // Referrals go back 18 months (19 calendar months), so some have a year of follow-up.
    expect(report.flow.byMonth.length).toBeGreaterThanOrEqual(18);
    expect(someShown(report.flow.byPractice.map((b) => b.count))).toBe(true);
    expect(someShown(report.flow.byNeed.map((b) => b.count))).toBe(true);
    expect(someShown(report.flow.declineReasons.map((b) => b.count))).toBe(true);
    expect(someShown(report.flow.openByWorker.map((b) => b.count))).toBe(true);
    expect(report.timeliness.measures.every((m) => !m.medianDays.suppressed)).toBe(true);
    expect(report.timeliness.overdueFollowUps.suppressed).toBe(false);
    expect(someShown(report.support.onward.map((o) => o.count))).toBe(true);
    for (const outcome of report.outcomes) {
      expect([outcome.key, outcome.people.suppressed, outcome.ciLow.suppressed]).toEqual([
        outcome.key,
        false,
        false,
      ]);
    }
    for (const dimension of ['age-band', 'sex', 'ethnicity', 'deprivation-decile'] as const) {
      expect(
        someShown(report.equity.filter((e) => e.dimension === dimension).map((e) => e.referrals)),
      ).toBe(true);
    }
  }, 60_000);

  it('leaves a store that already has cases alone', async () => {
    // The store above holds the seeded cases: another service is not seeded a second time.
    expect(await seedDemoCases(db, { serviceOrg: 'other', workers })).toBe(0);
  });

  it('makes the same cases from the same seed', () => {
    const options = {
      count: 20,
      serviceOrg: 'svc',
      workers,
      now: new Date('2026-01-01T00:00:00Z'),
    };
    expect(demoCases(options)).toEqual(demoCases(options));
  });
});
