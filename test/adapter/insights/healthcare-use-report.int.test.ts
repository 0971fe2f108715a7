import { insights, type Database } from '@linkwell/fhir-server-adapter';
import { STORE_TARGETS } from '../../support/store-targets';

// Healthcare use before and after referral, computed in SQL on PGlite and PostgreSQL, over
// people whose every count was worked out by hand below. Today is 2026-03-01.
const TODAY = '2026-03-01';
type Setting = 'gp' | 'emergency' | 'admission' | 'other';

interface Person {
  readonly key: string;
  readonly referred: string;
  readonly practice: string;
  readonly consent?: 'shared' | 'withdrawn';
  /** When the cache was read (today unless said); undefined read: never read. */
  readonly readThrough?: string | null;
  readonly encounters: readonly (readonly [string, Setting])[];
}

const PEOPLE: readonly Person[] = [
  {
    // Referred 2025-06-15: 6 months followed up (to 2025-12-15), 12 months not yet.
    key: 'a',
    referred: '2025-06-15',
    practice: 'P1',
    consent: 'shared',
    encounters: [
      ['2024-06-15', 'gp'], // exactly 12 months before: outside (D - 12m, D]
      ['2024-06-16', 'gp'], // 12 months before only
      ['2025-01-10', 'gp'], // 6 and 12 before
      ['2025-06-15', 'gp'], // the referral day: before
      ['2025-06-16', 'gp'], // after, both windows
      ['2025-12-15', 'gp'], // exactly 6 months after: inside (D, D + 6m]
      ['2025-12-16', 'gp'], // 12 months after only
      ['2025-03-01', 'emergency'],
      ['2025-08-01', 'admission'],
      ['2025-07-01', 'other'], // an outpatient clinic: never counted
    ],
  },
  {
    // Referred 2025-09-01: today is exactly 6 months on, so 6 months counts.
    key: 'b',
    referred: '2025-09-01',
    practice: 'P1',
    consent: 'shared',
    encounters: [
      ['2025-08-01', 'gp'],
      ['2026-02-01', 'gp'],
      ['2026-03-01', 'gp'],
    ],
  },
  {
    // A day short of 6 months: in the people, not in any "after".
    key: 'c',
    referred: '2025-09-02',
    practice: 'P2',
    consent: 'shared',
    encounters: [['2025-09-01', 'gp']],
  },
  {
    // Referred 2024-12-01: both windows followed up.
    key: 'd',
    referred: '2024-12-01',
    practice: 'P2',
    consent: 'shared',
    encounters: [
      ['2024-01-15', 'gp'],
      ['2024-11-01', 'gp'],
      ['2025-01-05', 'gp'],
      ['2025-09-01', 'gp'],
      ['2025-02-01', 'emergency'],
    ],
  },
  // No consent, and consent withdrawn: their Encounters are never counted.
  { key: 'e', referred: '2025-06-01', practice: 'P1', encounters: [['2025-05-01', 'gp']] },
  {
    key: 'f',
    referred: '2025-06-01',
    practice: 'P1',
    consent: 'withdrawn',
    encounters: [['2025-05-01', 'gp']],
  },
  // Consented, never read: waiting for a refresh.
  {
    key: 'g',
    referred: '2025-06-01',
    practice: 'P2',
    consent: 'shared',
    readThrough: null,
    encounters: [],
  },
  {
    // Read on 2026-01-15, before its 6-month window closed (2026-02-01): not followed up yet.
    key: 'h',
    referred: '2025-08-01',
    practice: 'P1',
    consent: 'shared',
    readThrough: '2026-01-15',
    encounters: [['2025-10-01', 'gp']],
  },
];

const twelveMonthsBefore = (day: string): string =>
  `${String(Number(day.slice(0, 4)) - 1)}${day.slice(4)}`;

describe.each(STORE_TARGETS)('healthcare use before and after on %s', (_name, open) => {
  let db: Database;
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const serviceOrg = `hcu-${suffix}`;
  const all: insights.InsightsFilter = {
    serviceOrg,
    from: undefined,
    to: undefined,
    practice: undefined,
    worker: undefined,
    need: undefined,
  };
  const patient = (key: string): string => `Patient/hcu-${suffix}-${key}`;

  beforeAll(async () => {
    db = await open();
    await insights.writeSyntheticCases(
      db,
      PEOPLE.map((p): insights.SyntheticCase => ({
        id: `hcu-${suffix}-${p.key}`,
        serviceOrg,
        taskId: `hcu-${suffix}-task-${p.key}`,
        referralRef: `ServiceRequest/hcu-${suffix}-${p.key}`,
        patientRef: patient(p.key) as `Patient/${string}`,
        status: 'in-progress',
        receivedAt: `${p.referred}T10:00:00.000Z`,
        facts: {
          referredAt: `${p.referred}T10:00:00.000Z`,
          practice: p.practice,
          needs: ['loneliness'],
          birthDate: undefined,
          sex: undefined,
          ethnicity: undefined,
          postcode: undefined,
        },
        ...(p.consent === undefined ? {} : { consent: p.consent }),
      })),
    );
    for (const p of PEOPLE) {
      if (p.readThrough === null) continue;
      const from = twelveMonthsBefore(p.referred);
      await db.transaction((tx) =>
        insights.saveEncounters(
          tx,
          'default',
          [{ patientRef: patient(p.key), from }],
          p.encounters.map(([startDay, setting], i) => ({
            patientRef: patient(p.key),
            encounterId: `e${i}`,
            startDay,
            setting,
            classCode: undefined,
            typeCodes: [],
          })),
          p.readThrough ?? TODAY,
        ),
      );
    }
  });
  afterAll(() => db.close());

  const row = (
    rows: insights.HealthcareUseRow[],
    dimension: string,
    group: string,
    months: number,
    setting: string,
  ): insights.HealthcareUseRow | undefined =>
    rows.find(
      (r) =>
        r.dimension === dimension &&
        r.group === group &&
        r.months === months &&
        r.setting === setting,
    );

  it('counts GP contacts in (D - 6m, D] and (D, D + 6m], after only for people followed up', async () => {
    const { rows, consented, awaitingRead } = await insights.healthcareUseRows(db, all, TODAY);
    // a, b, c, d, g, h consented; g not read yet.
    expect({ consented, awaitingRead }).toEqual({ consented: 6, awaitingRead: 1 });
    const gp6 = row(rows, 'all', 'all', 6, 'gp');
    // People read: a, b, c, d, h. Followed up 6 months: a, b, d (c a day short, h read too early).
    // Before: a 2, b 1, d 1. After: a 2, b 2, d 1. Differences 0, +1, 0.
    expect(gp6).toMatchObject({ people: 5, followedUp: 3 });
    expect(gp6?.meanBefore).toBeCloseTo(4 / 3, 10);
    expect(gp6?.meanAfter).toBeCloseTo(5 / 3, 10);
    expect(gp6?.meanDifference).toBeCloseTo(1 / 3, 10);
    expect(gp6?.sdDifference).toBeCloseTo(Math.sqrt(1 / 3), 10);
  });

  it('counts 12 months only for people a whole year on: d, before 2, after 2', async () => {
    const { rows } = await insights.healthcareUseRows(db, all, TODAY);
    expect(row(rows, 'all', 'all', 12, 'gp')).toMatchObject({
      people: 5,
      followedUp: 1,
      meanBefore: 2,
      meanAfter: 2,
      meanDifference: 0,
      sdDifference: null,
    });
  });

  it('counts emergency attendances and admissions apart, and never an outpatient clinic', async () => {
    const { rows } = await insights.healthcareUseRows(db, all, TODAY);
    // Emergency: a 1 before, 0 after; d 0 before, 1 after. Admissions: a 1 after (2025-08-01).
    const emergency = row(rows, 'all', 'all', 6, 'emergency');
    expect(emergency?.meanBefore).toBeCloseTo(1 / 3, 10);
    expect(emergency?.meanAfter).toBeCloseTo(1 / 3, 10);
    expect(emergency?.meanDifference).toBeCloseTo(0, 10);
    expect(emergency?.sdDifference).toBeCloseTo(1, 10);
    const admissions = row(rows, 'all', 'all', 6, 'admission');
    expect(admissions?.meanBefore).toBeCloseTo(0, 10);
    expect(admissions?.meanDifference).toBeCloseTo(1 / 3, 10);
    expect(rows.some((r) => (r.setting as string) === 'other')).toBe(false);
  });

  it('breaks the figures down by practice and by referral month', async () => {
    const { rows } = await insights.healthcareUseRows(db, all, TODAY);
    // P1: a, b, h read (e, f excluded); a and b followed up, differences 0 and +1.
    expect(row(rows, 'practice', 'P1', 6, 'gp')).toMatchObject({
      people: 3,
      followedUp: 2,
      meanDifference: 0.5,
    });
    expect(row(rows, 'practice', 'P2', 6, 'gp')).toMatchObject({ people: 2, followedUp: 1 });
    expect(row(rows, 'cohort', '2025-09', 6, 'gp')).toMatchObject({ people: 2, followedUp: 1 });
    expect(row(rows, 'cohort', '2024-12', 12, 'gp')).toMatchObject({ people: 1, followedUp: 1 });
    expect(row(rows, 'cohort', '2025-06', 6, 'gp')).toMatchObject({ people: 1, followedUp: 1 });
  });

  it('follows the report filters', async () => {
    const { rows } = await insights.healthcareUseRows(db, { ...all, practice: 'P2' }, TODAY);
    expect(row(rows, 'all', 'all', 6, 'gp')).toMatchObject({ people: 2, followedUp: 1 });
  });

  it('suppresses figures about fewer than 5 people, names the rule and every window', async () => {
    const section = await insights.healthcareUseSection(db, all, TODAY, undefined);
    expect(section.overall.map((f) => `${f.setting} ${f.months}`)).toEqual([
      'gp 6',
      'emergency 6',
      'admission 6',
      'gp 12',
      'emergency 12',
      'admission 12',
    ]);
    const gp6 = section.overall[0];
    expect(gp6?.people).toEqual({ value: 5, suppressed: false });
    expect(gp6?.followedUp).toEqual({ value: null, suppressed: true });
    expect(gp6?.meanDifference).toEqual({ value: null, suppressed: true });
    expect(section.awaitingRead).toEqual({ value: null, suppressed: true });
    expect(section.classification.join(' ')).toMatch(/class EMER/);
    expect(section.windowRule).toMatch(/today minus the referral date is at least the window/);
  });

  it('gives the same figures from the counts kept at each read as counted afresh', async () => {
    const kept = await db.query<{ n: number }>(
      'SELECT count(*)::integer AS n FROM encounter_window_counts WHERE patient_ref LIKE $1',
      [`Patient/hcu-${suffix}-%`],
    );
    // Every person read has a row at their referral day, with every setting's and window's counts.
    expect(kept[0]?.n).toBe(PEOPLE.filter((p) => p.readThrough !== null).length);
    const fromKept = await insights.healthcareUseRows(db, all, TODAY);
    // As for a case that arrived after its patient was read: nothing kept, so counted here.
    await db.query('DELETE FROM encounter_window_counts WHERE patient_ref LIKE $1', [
      `Patient/hcu-${suffix}-%`,
    ]);
    const afresh = await insights.healthcareUseRows(db, all, TODAY);
    expect(afresh).toEqual(fromKept);
    expect(row(afresh.rows, 'all', 'all', 6, 'gp')?.followedUp).toBeGreaterThan(0);
  });
});
