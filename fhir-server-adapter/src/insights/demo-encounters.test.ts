import { MemoryGateway } from '@linkwell/test-kit';
import { openDatabase } from '../db/open';
import type { Database } from '../db/database';
import { silentLogger } from '../log';
import { seedDemoCases } from './demo-seed';
import { seedDemoEncounters } from './demo-encounters';
import { healthcareUseSection } from './healthcare-use';
import { EncounterRefresh } from './healthcare-use-refresh';

// The demo's healthcare-use section has figures: made-up Encounters for the consented demo
// cases, written once, read back by the refresh as from any EHR.
const filter = {
  serviceOrg: 'svc',
  from: undefined,
  to: undefined,
  practice: undefined,
  worker: undefined,
  need: undefined,
};

describe("the demo's healthcare use", () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ inMemory: true });
  }, 60_000);
  afterAll(() => db.close());

  it('fills the section: people followed up for 6 months and, referred over a year ago, 12', async () => {
    const now = new Date('2026-06-30T12:00:00Z');
    await seedDemoCases(db, { serviceOrg: 'svc', workers: ['Practitioner/a'], now });
    const ehr = new MemoryGateway();
    const written = await seedDemoEncounters(db, ehr, { serviceOrg: 'svc', now });
    expect(written).toBeGreaterThan(1000);
    expect(await seedDemoEncounters(db, ehr, { serviceOrg: 'svc', now })).toBe(0);

    const refresh = new EncounterRefresh({
      db,
      gateways: new Map([['default', ehr]]),
      serviceOrg: 'svc',
      log: silentLogger,
      now: () => now,
    });
    // Two starts at once make one refresh.
    const [first, second] = await Promise.all([refresh.start(), refresh.start()]);
    expect(second.id).toBe(first.id);
    // 240 cases, every 12th without consent: 220 consented cases, of 188 people (some came back).
    expect(first.patients).toBe(188);
    expect(await refresh.finished()).toMatchObject({ status: 'done', read: 188 });

    const section = await healthcareUseSection(db, filter, '2026-06-30', refresh.latest());
    // Every consented person read; each counts once, at their first referral.
    expect(section.consented).toEqual({ value: 188, suppressed: false });
    expect(section.awaitingRead).toEqual({ value: 0, suppressed: false });
    const [gp6] = section.overall;
    expect(gp6?.people).toEqual({ value: 188, suppressed: false });
    expect(gp6?.followedUp.value).toBeGreaterThan(50);
    expect(gp6?.meanDifference.suppressed).toBe(false);
    // Referrals go back 18 months: at least 20 people have a whole year after referral.
    const gp12 = section.overall.find((f) => f.months === 12 && f.setting === 'gp');
    expect(gp12?.followedUp.value).toBeGreaterThanOrEqual(20);
    expect(gp12?.meanDifference.suppressed).toBe(false);
    expect(section.byPractice.length).toBeGreaterThan(0);
    expect(section.byCohort.length).toBeGreaterThan(6);
  }, 60_000);
});
