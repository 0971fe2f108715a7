import type { Task } from 'fhir/r4';
import { buildReferralTask } from '@linkwell/profiles';
import {
  CaseStore,
  DiaryStore,
  DoubleBookingError,
  type Database,
} from '@linkwell/fhir-server-adapter';
import { STORE_TARGETS } from '../support/store-targets';

// The diary store on the embedded PGlite and a real PostgreSQL server: bookings that race for
// overlapping slots of one worker — exactly one is kept, the other refused as a double booking.
const targets = STORE_TARGETS;

describe.each(targets)('diary on %s', (_name, open) => {
  let db: Database;
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const worker = `Practitioner/lw-${suffix}`;

  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db.close());

  it('keeps one of several racing bookings of overlapping slots, refusing the rest', async () => {
    const task: Task & { id: string } = {
      ...buildReferralTask({
        referral: `ServiceRequest/r-${suffix}`,
        patient: 'Patient/p1',
        requester: 'Practitioner/gp',
        owner: 'Organization/svc',
        authoredOn: '2025-02-03T10:15:00Z',
      }),
      id: `t-${suffix}`,
      meta: { versionId: '1' },
    };
    const { record } = await new CaseStore(db).ingestTask({
      serviceOrg: `svc-${suffix}`,
      task,
      referralRef: `ServiceRequest/r-${suffix}`,
      patientRef: 'Patient/p1',
    });
    const diary = new DiaryStore(db);
    const refs = {
      caseId: record.id,
      serviceOrg: record.serviceOrg,
      patientRef: record.patientRef,
      referralRef: record.referralRef,
    };
    const starts = ['10:00', '10:10', '10:20', '10:25'].map((t) => `2027-03-01T${t}:00Z`);
    const results = await Promise.allSettled(
      starts.map((start) =>
        diary.book(refs, worker, { start, minutes: 30, mode: 'phone' }, worker),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected')) {
      expect(r.reason).toBeInstanceOf(DoubleBookingError);
    }
    expect(await diary.forCase(record.id)).toHaveLength(1);
    // Another worker's diary is not this one's: the same slot is free for them.
    await diary.book(
      refs,
      `${worker}-2`,
      { start: starts[0] ?? '', minutes: 30, mode: 'phone' },
      worker,
    );
    expect(await diary.forCase(record.id)).toHaveLength(2);
  });
});
