import { DEMO_IMD_LOOKUP, insights, type Database } from '@linkwell/fhir-server-adapter';
import { onePersonTwoCases } from './insights-cases';
import { STORE_TARGETS } from '../../support/store-targets';

// People, not cases: a person referred twice counts once in outcomes, reach and healthcare use,
// and twice in the referral figures; a local-only case (no Patient) is a person of its own. On
// PGlite and PostgreSQL, over the eight cases of seven people in insights-cases.ts.
const TODAY = '2026-04-15';

describe.each(STORE_TARGETS)('people, not cases, on %s', (_name, open) => {
  let db: Database;
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const serviceOrg = `ppl-${suffix}`;
  const prefix = `ppl-${suffix}`;
  const all: insights.InsightsFilter = {
    serviceOrg,
    from: undefined,
    to: undefined,
    practice: undefined,
    worker: undefined,
    need: undefined,
  };
  const patient = (key: string): string => `Patient/${prefix}-${key}`;

  beforeAll(async () => {
    db = await open();
    await insights.loadDeprivationLookup(db, DEMO_IMD_LOOKUP);
    await insights.writeSyntheticCases(db, onePersonTwoCases(serviceOrg, prefix));
    // l1 and l2 are local-only: no Patient on the EHR.
    await db.query('UPDATE cases SET patient_ref = NULL WHERE id = ANY($1::text[])', [
      [`${prefix}-l1`, `${prefix}-l2`],
    ]);
    // P's Encounters, read from a year before the first referral: GP on 2025-09-15 (before
    // p1), 2025-12-01 (after p1) and 2026-01-20 (after both); q's: GP on 2025-08-01.
    const encounters: [string, string, string][] = [
      ['p', '2024-10-01', '2025-09-15'],
      ['p', '2024-10-01', '2025-12-01'],
      ['p', '2024-10-01', '2026-01-20'],
      ['q', '2024-09-01', '2025-08-01'],
    ];
    for (const key of ['p', 'q']) {
      const mine = encounters.filter(([k]) => k === key);
      await db.transaction((tx) =>
        insights.saveEncounters(
          tx,
          'default',
          [{ patientRef: patient(key), from: mine[0]?.[1] ?? '' }],
          mine.map(([, , startDay], i) => ({
            patientRef: patient(key),
            encounterId: `e${i}`,
            startDay,
            setting: 'gp',
            classCode: undefined,
            typeCodes: [],
          })),
          TODAY,
        ),
      );
    }
  });
  afterAll(() => db.close());

  it('keeps each case its person: the endpoint and Patient, or the case when local-only', async () => {
    const rows = await db.query<{ case_id: string; person: string }>(
      'SELECT case_id, person FROM case_insights WHERE service_org = $1 ORDER BY case_id',
      [serviceOrg],
    );
    const person = Object.fromEntries(
      rows.map((r) => [r.case_id.slice(prefix.length + 1), r.person]),
    );
    expect(person).toMatchObject({
      p1: `default|${patient('p')}`,
      p2: `default|${patient('p')}`,
      q: `default|${patient('q')}`,
      // Cleared after the case was written: the kept row follows its Patient.
      l1: `case|${prefix}-l1`,
      l2: `case|${prefix}-l2`,
    });
  });

  it('keeps the referral figures per referral: eight', async () => {
    expect((await insights.flowRows(db, all)).total).toBe(8);
    expect((await insights.supportRows(db, all)).cases).toBe(8);
  });

  it("pairs each person once: P's first baseline (p1) with their latest follow-up (p2)", async () => {
    const [ucla] = await insights.outcomeRows(db, all, insights.REPORTED_MEASURES);
    // Per person: P 9 -> 4 = -5, q -1, r 0, s -2, t +1, l1 -1, l2 0 (seven people; per case
    // it would be eight: p1 -2 and p2 -4). Sum -8, mean -8/7; sum of squares 25+1+0+4+1+1+0 =
    // 32, so SS = 32 - 64/7 = 160/7 and SD = sqrt(160/42) = 1.95180. Falling by 1 point or
    // more: P, q, s, l1 = 4.
    expect(ucla).toMatchObject({ measure: 'ucla3-total', n: 7, passed: 4 });
    expect(ucla?.mean).toBeCloseTo(-8 / 7, 10);
    expect(ucla?.sd).toBeCloseTo(Math.sqrt(160 / 42), 10);
  });

  it('counts a person once in reach, in the groups of their first referral', async () => {
    const equity = await insights.equityRows(db, all, insights.REPORTED_MEASURES);
    const row = (dimension: string, group: string): unknown =>
      equity.find((e) => e.dimension === dimension && e.group === group);
    // Eight referrals of seven people, all with an outcome; improved: P, q, s, l1.
    expect(row('sex', 'female')).toMatchObject({ referrals: 8, withOutcome: 7, improved: 4 });
    // P was first referred from ZZ1 1AA (decile 1), then from ZZ1 5EB (decile 10): P counts
    // in decile 1 only, while both referrals count where they were made.
    expect(row('deprivation-decile', '1')).toMatchObject({
      referrals: 7,
      withOutcome: 7,
      improved: 4,
    });
    expect(row('deprivation-decile', '10')).toMatchObject({
      referrals: 1,
      withOutcome: 0,
      improved: 0,
    });
  });

  it('counts healthcare use per person, from their first consented referral', async () => {
    const { rows, consented, awaitingRead } = await insights.healthcareUseRows(db, all, TODAY);
    // Consented: P (p1 and p2) and q: two people, both read.
    expect({ consented, awaitingRead }).toEqual({ consented: 2, awaitingRead: 0 });
    const gp = (dimension: string, group: string) =>
      rows.find(
        (r) =>
          r.dimension === dimension && r.group === group && r.months === 6 && r.setting === 'gp',
      );
    // P from p1 (2025-10-01): 1 GP contact before, 2 after (to 2026-04-01, passed by today);
    // q (2025-09-01): 1 before, 0 after. Differences +1 and -1: mean 0, SD sqrt(2).
    expect(gp('all', 'all')).toMatchObject({
      people: 2,
      followedUp: 2,
      meanBefore: 1,
      meanAfter: 1,
      meanDifference: 0,
    });
    expect(gp('all', 'all')?.sdDifference).toBeCloseTo(Math.sqrt(2), 10);
    // By referral month, P is in p1's (2025-10) only; p2's month (2026-01) has no one.
    expect(gp('cohort', '2025-10')).toMatchObject({ people: 1, followedUp: 1 });
    expect(gp('cohort', '2026-01')).toBeUndefined();
  });
});
