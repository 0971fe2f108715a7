import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaseStore, insights, silentLogger, type Database } from '@linkwell/fhir-server-adapter';
import { STORE_TARGETS } from '../../support/store-targets';

// The figures per case that migration 11 keeps in the store (case_insights, case_scores) follow
// every change a link worker makes through the store, on PGlite and on PostgreSQL: five cases
// written in bulk with a UCLA-3 baseline only, then followed up, contacted, met, declined and
// given goals and onward referrals one write at a time.
const ucla = (total: number): Record<string, number> => {
  const a = Math.min(3, total - 2);
  const b = Math.min(3, total - a - 1);
  return { 'lack-companionship': a, 'left-out': b, isolated: total - a - b };
};
const day = (base: string, days: number): string =>
  new Date(Date.parse(base) + days * 86_400_000).toISOString();

describe.each(STORE_TARGETS)('figures kept per case on %s', (_name, open) => {
  let db: Database;
  let store: CaseStore;
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const serviceOrg = `svc-kept-${suffix}`;
  const worker = `Practitioner/kept-${suffix}`;
  const ids = [1, 2, 3, 4, 5].map((n) => `kept-${suffix}-${n}`);
  const referred = '2026-01-05T09:00:00.000Z';
  const baselines = [9, 8, 7, 6, 6];
  const filter: insights.InsightsFilter = {
    serviceOrg,
    from: undefined,
    to: undefined,
    practice: undefined,
    worker: undefined,
    need: undefined,
  };
  const uclaRow = async (): Promise<unknown> =>
    (await insights.outcomeRows(db, filter, insights.REPORTED_MEASURES)).find(
      (r) => r.measure === 'ucla3-total',
    );
  const followUp = (caseId: string, total: number, days: number) =>
    store.addAnswers({
      caseId,
      instrument: 'ucla3',
      timing: 'follow-up',
      answers: ucla(total),
      authored: day(referred, days),
      shared: false,
      linkWorker: worker,
    });

  beforeAll(async () => {
    db = await open();
    store = new CaseStore(db);
    await insights.writeSyntheticCases(
      db,
      ids.map((id, i) => ({
        id,
        serviceOrg,
        taskId: `${id}-task`,
        referralRef: `ServiceRequest/${id}`,
        patientRef: `Patient/${id}`,
        status: 'accepted',
        assignedTo: worker,
        receivedAt: referred,
        facts: {
          referredAt: referred,
          practice: 'Kept Surgery',
          needs: ['loneliness'],
          birthDate: '1950-06-01',
          sex: 'female',
          ethnicity: undefined,
          postcode: undefined,
        },
        answers: [
          {
            instrument: 'ucla3',
            timing: 'baseline',
            answers: ucla(baselines[i] ?? 6),
            authored: day(referred, 1),
          },
        ],
      })),
    );
  });
  afterAll(async () => {
    await db.close();
  });

  it('pairs a follow-up recorded after the baseline, and the later follow-up replaces it', async () => {
    expect(await uclaRow()).toBeUndefined();
    let equity = await insights.equityRows(db, filter, insights.REPORTED_MEASURES);
    expect(equity.find((e) => e.dimension === 'sex')).toMatchObject({ withOutcome: 0 });
    // 9->6, 8->7, 7->7, 6->4, 6->5: changes -3, -1, 0, -2, -1; four fall by a point or more
    for (const [i, total] of [6, 7, 7, 4, 5].entries()) await followUp(ids[i] ?? '', total, 60);
    expect(await uclaRow()).toMatchObject({ n: 5, mean: -1.4, passed: 4 });
    equity = await insights.equityRows(db, filter, insights.REPORTED_MEASURES);
    expect(equity.find((e) => e.dimension === 'sex')).toMatchObject({
      group: 'female',
      referrals: 5,
      withOutcome: 5,
      improved: 4,
    });
    // Case 3's later follow-up (4: a change of -3) replaces its first; an earlier one does not.
    await followUp(ids[2] ?? '', 4, 90);
    await followUp(ids[3] ?? '', 9, 30);
    expect(await uclaRow()).toMatchObject({ n: 5, mean: -2, passed: 5 });
  });

  it('follows contacts, meetings and status changes into timeliness, support and flow', async () => {
    const [c1, c2, , , c5] = ids as [string, string, string, string, string];
    const firsts = async () => (await insights.timelinessRows(db, filter, '2026-03-01')).durations;
    expect((await firsts()).map((d) => d.n)).toEqual([0, 0]);
    const contact = (caseId: string, days: number, method: string, outcome: string) =>
      store.addContactAttempt({
        caseId,
        at: day(referred, days),
        method,
        outcome,
        linkWorker: worker,
      });
    await contact(c1, 2, 'phone', 'reached');
    await contact(c2, 1, 'phone', 'no-answer');
    await contact(c2, 4, 'in-person', 'reached');
    const [contactDays, meetingDays] = await firsts();
    // days 2 and 4: median 3, p90 2 + 0.9 * 2; the meeting on day 4 (the no-answer is not one)
    expect(contactDays).toMatchObject({ measure: 'first-contact', n: 2, median: 3 });
    expect(contactDays?.p90).toBeCloseTo(3.8, 9);
    expect(meetingDays).toMatchObject({ measure: 'first-meeting', n: 1, median: 4, p90: 4 });
    let support = await insights.supportRows(db, filter);
    expect(support.contacts.total).toBe(2);
    expect(support.meetings.total).toBe(1);
    // The first-meeting status counts as a meeting for timeliness (recorded now, so only counted).
    await store.updateCase(c1, { status: 'in-progress', businessStatus: 'first-meeting' }, worker);
    expect((await firsts())[1]?.n).toBe(2);
    await store.updateCase(c5, { status: 'rejected', statusReason: 'outside-area' }, worker);
    const flow = await insights.flowRows(db, filter);
    expect(flow.byOutcome).toEqual([
      { key: 'accepted', count: 4 },
      { key: 'declined', count: 1 },
    ]);
    expect(flow.declineReasons).toEqual([{ key: 'outside-area', count: 1 }]);
    support = await insights.supportRows(db, filter);
    expect(support.cases).toBe(4);
  });

  it('counts goals and onward referrals in the support figures and the export', async () => {
    const c3 = ids[2] ?? '';
    await store.addGoal({
      caseId: c3,
      description: 'Join a walking group',
      lifecycleStatus: 'active',
      achievement: undefined,
      targetMeasure: undefined,
      targetDetail: undefined,
      targetDue: undefined,
      startDate: '2026-01-10',
      shared: false,
      linkWorker: worker,
    });
    await store.addOnwardReferral({
      caseId: c3,
      serviceRef: 'HealthcareService/kept-walk',
      serviceName: 'Kept walking group',
      note: undefined,
      status: 'active',
      authoredOn: day(referred, 10),
      shared: false,
      linkWorker: worker,
    });
    expect((await insights.supportRows(db, filter)).onward).toEqual([
      { service: 'Kept walking group', status: 'active', count: 1 },
    ]);
    const dir = join(tmpdir(), `kept-exports-${suffix}`);
    const jobs = new insights.ExportJobs({
      db,
      dir,
      measures: insights.REPORTED_MEASURES,
      pseudonymKey: Buffer.alloc(32, 2),
      log: silentLogger,
    });
    const job = await jobs.finished((await jobs.start('csv', filter, worker)).id);
    const [header = [], ...rows] = readFileSync(jobs.file(job ?? never()), 'utf8')
      .trim()
      .split('\r\n')
      .map((line) => line.split(','));
    rmSync(dir, { recursive: true, force: true });
    const cell = (caseId: string, column: string): string | undefined =>
      rows.find((r) => r[0] === caseId)?.[header.indexOf(column)];
    expect(cell(c3, 'goals')).toBe('1');
    expect(cell(c3, 'onward_referrals')).toBe('1');
    expect(cell(c3, 'ucla3-total_follow_up')).toBe('4');
    expect(cell(ids[1] ?? '', 'days_to_first_meeting')).toBe('4');
  });

  it('gives the same figures when every case is refilled from the records (the backfill)', async () => {
    const figures = () =>
      Promise.all([
        insights.flowRows(db, filter),
        insights.timelinessRows(db, filter, '2026-03-01'),
        insights.supportRows(db, filter),
        insights.outcomeRows(db, filter, insights.REPORTED_MEASURES),
        insights.equityRows(db, filter, insights.REPORTED_MEASURES),
      ]);
    const kept = await figures();
    // The functions migration 11 fills every case with, on this test's cases only (the
    // PostgreSQL store is shared with other test files).
    await db.transaction(async (tx) => {
      await tx.query('DELETE FROM case_scores WHERE case_id = ANY($1::text[])', [ids]);
      await tx.query('DELETE FROM case_insights WHERE case_id = ANY($1::text[])', [ids]);
      await tx.query(
        'SELECT insights_refresh_cases($1::text[]), insights_refresh_scores($1::text[])',
        [ids],
      );
    });
    expect(await figures()).toEqual(kept);
  });
});

function never(): never {
  throw new Error('the export job vanished');
}
