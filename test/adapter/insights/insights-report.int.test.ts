import { DEMO_IMD_LOOKUP, insights, type Database } from '@linkwell/fhir-server-adapter';
import { handWorkedCases } from './insights-cases';
import { STORE_TARGETS } from '../../support/store-targets';

// The report's SQL on the embedded PGlite and on a real PostgreSQL server (the run's throwaway
// cluster), over ten cases whose every figure was worked out by hand (insights-cases.ts).
const targets = STORE_TARGETS;

const shown = (value: number): { value: number; suppressed: false } => ({
  value,
  suppressed: false,
});
const hidden = { value: null, suppressed: true };

describe.each(targets)('insights report on %s', (_name, open) => {
  let db: Database;
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const serviceOrg = `svc-${suffix}`;
  const all: insights.InsightsFilter = {
    serviceOrg,
    from: undefined,
    to: undefined,
    practice: undefined,
    worker: undefined,
    need: undefined,
  };
  const report = (filter = all): Promise<insights.InsightsReport> =>
    insights.insightsReport(
      {
        db,
        measures: insights.REPORTED_MEASURES,
        nameOf: (p) => Promise.resolve(p === 'Practitioner/wa' ? 'Worker A' : undefined),
        now: () => new Date('2026-03-01T12:00:00Z'),
      },
      filter,
    );

  beforeAll(async () => {
    db = await open();
    await insights.writeSyntheticCases(db, handWorkedCases(serviceOrg, `ins-${suffix}`));
    await insights.loadDeprivationLookup(db, DEMO_IMD_LOOKUP);
  });
  afterAll(async () => {
    await db.close();
  });

  it('counts the flow, hiding counts of 1 to 4', async () => {
    const { flow } = await report();
    expect(flow.referrals).toEqual(shown(10));
    const byKey = (bars: { key: string; count: unknown }[]): Record<string, unknown> =>
      Object.fromEntries(bars.map((b) => [b.key, b.count]));
    expect(byKey(flow.byMonth)).toEqual({ '2026-01': shown(6), '2026-02': hidden });
    expect(byKey(flow.byPractice)).toEqual({
      'Riverside Surgery': shown(7),
      'Hillside Practice': hidden,
    });
    expect(byKey(flow.byNeed)).toEqual({
      loneliness: shown(6),
      'money-debt': hidden,
      bereavement: hidden,
    });
    expect(byKey(flow.byOutcome)).toEqual({
      accepted: shown(6),
      declined: hidden,
      'did-not-engage': hidden,
      'awaiting-decision': hidden,
    });
    expect(flow.declineReasons.map((r) => r.label).sort()).toEqual([
      'Outside the service area',
      'Person declined',
    ]);
    expect(flow.openByWorker).toEqual([
      { key: 'Practitioner/wa', label: 'Worker A', count: shown(5) },
      { key: 'unassigned', label: 'Not yet assigned', count: hidden },
    ]);
  });

  it('gives days to first contact and first meeting as median and 90th percentile', async () => {
    const { timeliness } = await report();
    // first contact after 1, 2, 3, 4, 5, 10 days: median 3.5; p90 at rank 4.5 = 5 + 0.5 * 5
    expect(timeliness.measures[0]).toMatchObject({
      key: 'first-contact',
      referrals: shown(6),
      medianDays: shown(3.5),
      p90Days: shown(7.5),
    });
    // first meeting after 7, 8 (in person) and 9, 10, 20 (status): median 9; p90 = 10 + 0.6 * 10
    expect(timeliness.measures[1]).toMatchObject({
      key: 'first-meeting',
      referrals: shown(5),
      medianDays: shown(9),
      p90Days: shown(16),
    });
    expect(timeliness.openCases).toEqual(shown(6));
    expect(timeliness.overdueFollowUps).toEqual(shown(5));
  });

  it('counts contacts, meetings and onward referrals per case', async () => {
    const { support } = await report();
    // cases worked: 1-6, 8, 9; reached contacts 2+2+1+1+1+1 = 8, in person 2
    expect(support.cases).toEqual(shown(8));
    expect(support.contactsPerCase).toEqual(shown(1));
    expect(support.meetingsPerCase).toEqual(shown(0.25));
    expect(support.medianContacts).toEqual(shown(1));
    expect(support.medianMeetings).toEqual(shown(0));
    expect(support.onward).toEqual([
      {
        service: 'Riverside walking group',
        status: 'active',
        label: 'Referred, open',
        count: hidden,
      },
      {
        service: 'Riverside walking group',
        status: 'completed',
        label: 'Completed',
        count: shown(5),
      },
    ]);
  });

  it('pairs baseline and last follow-up, with a t interval and the threshold share', async () => {
    const { outcomes } = await report();
    const ucla = outcomes.find((o) => o.key === 'ucla3-total');
    // changes -3, -1, 0, -2, -1, -4: mean -11/6; SD sqrt(10.8333/5) = 1.47196;
    // half-width 2.571 * 1.47196 / sqrt(6) = 1.54498; five fall by 1 point or more
    expect(ucla).toMatchObject({
      people: shown(6),
      meanChange: shown(-1.83),
      ciLow: shown(-3.38),
      ciHigh: shown(-0.29),
      passed: shown(5),
      passedShare: shown(0.833),
      higherIsBetter: false,
      threshold: 1,
    });
    expect(ucla?.thresholdSource).toMatch(/UCLA/);
    // Three people with SWEMWBS: nothing about them is shown.
    expect(outcomes.find((o) => o.key === 'swemwbs-metric')).toMatchObject({
      people: hidden,
      meanChange: hidden,
      ciLow: hidden,
      passedShare: hidden,
    });
  });

  it('breaks referrals and outcomes down by age band, sex, ethnicity and deprivation', async () => {
    const { equity } = await report();
    const row = (dimension: string, group: string): unknown =>
      equity.find((e) => e.dimension === dimension && e.group === group);
    // Improved on any measure: five on UCLA-3, and case 3 (no UCLA-3 change) on SWEMWBS
    // (raw 21 -> 28, far past 3 points), so all six.
    expect(row('sex', 'female')).toEqual({
      dimension: 'sex',
      group: 'female',
      referrals: shown(6),
      withOutcome: shown(6),
      improved: shown(6),
    });
    expect(row('sex', 'male')).toMatchObject({ referrals: hidden, withOutcome: shown(0) });
    // 1950-born are 75 at referral; case 6 (1990) and 7-10 (1980) are 35-49
    expect(row('age-band', '65-79')).toMatchObject({ referrals: shown(5), improved: shown(5) });
    expect(row('age-band', '35-49')).toMatchObject({ referrals: shown(5), withOutcome: hidden });
    expect(row('ethnicity', 'White - British')).toMatchObject({ referrals: shown(6) });
    expect(row('ethnicity', 'Not recorded')).toMatchObject({ referrals: hidden });
    // ZZ1 1AA is decile 1 and ZZ1 5EB decile 10 in the synthetic lookup
    expect(row('deprivation-decile', '1')).toMatchObject({ referrals: shown(6) });
    expect(row('deprivation-decile', '10')).toMatchObject({ referrals: hidden });
  });

  it('narrows every section by date, practice, worker and need', async () => {
    const count = async (filter: Partial<insights.InsightsFilter>): Promise<number> =>
      (await insights.flowRows(db, { ...all, ...filter })).total;
    expect(await count({ from: '2026-02-01' })).toBe(4);
    expect(await count({ to: '2026-01-07' })).toBe(3);
    expect(await count({ from: '2026-01-06', to: '2026-01-06' })).toBe(1);
    expect(await count({ practice: 'Hillside Practice' })).toBe(3);
    expect(await count({ worker: 'Practitioner/wb' })).toBe(1);
    expect(await count({ need: 'loneliness' })).toBe(6);
    expect(await count({ need: 'bereavement', practice: 'Riverside Surgery' })).toBe(2);
    const worker = await report({ ...all, worker: 'Practitioner/wa' });
    expect(worker.flow.referrals).toEqual(shown(8));
    expect(worker.outcomes.find((o) => o.key === 'ucla3-total')?.people).toEqual(shown(6));
  });
});
