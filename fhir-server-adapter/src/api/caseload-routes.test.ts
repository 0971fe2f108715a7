import type { CaseRecord } from '../store/records';
import type { CaseloadEntry } from '../store/caseload-store';
import type { ReferralView } from '../fhir/referral-details';
import { awaitsFirstContact, caseloadRow, daysBetween, gpRecordOf } from './caseload-routes';

const record = (patch: Partial<CaseRecord> = {}): CaseRecord => ({
  id: 'c1',
  serviceOrg: 'svc',
  endpoint: 'default',
  taskId: 't1',
  taskVersion: '1',
  task: { resourceType: 'Task', status: 'requested', intent: 'order' },
  referralRef: 'ServiceRequest/sr1',
  patientRef: 'Patient/p1',
  status: 'requested',
  statusReason: undefined,
  businessStatus: undefined,
  assignedTo: undefined,
  receivedAt: '2025-03-01T10:00:00.000Z',
  updatedAt: '2025-03-01T10:00:00.000Z',
  ...patch,
});
const entry = (patch: Partial<CaseloadEntry> = {}): CaseloadEntry => ({
  record: record(),
  lastContactAt: undefined,
  firstReachedAt: undefined,
  contactAttempts: 0,
  nextFollowUp: undefined,
  ...patch,
});
const now = new Date('2025-03-11T12:00:00Z');

describe('caseload rows', () => {
  it('takes the next follow-up from the diary when a meeting is booked sooner', () => {
    const row = caseloadRow(
      entry({ nextFollowUp: '2025-03-20', nextAppointment: '2025-03-14T10:00:00.000Z' }),
      undefined,
      now,
    );
    expect(row).toMatchObject({ nextFollowUp: '2025-03-14', followUpOverdue: false });
    // A meeting still booked after its time (no outcome recorded) is overdue.
    expect(
      caseloadRow(
        entry({ nextAppointment: '2025-03-11T09:00:00.000Z', didNotAttend: 2 }),
        undefined,
        now,
      ),
    ).toMatchObject({ nextFollowUp: '2025-03-11', followUpOverdue: true, didNotAttend: 2 });
    expect(caseloadRow(entry({ nextFollowUp: '2025-03-10' }), undefined, now).followUpOverdue).toBe(
      true,
    );
  });

  it('counts waiting days until the person is first reached', () => {
    expect(daysBetween('2025-03-01T10:00:00Z', now)).toBe(10);
    expect(caseloadRow(entry(), undefined, now).waitingDays).toBe(10);
    expect(
      caseloadRow(entry({ firstReachedAt: '2025-03-04T10:00:00Z' }), undefined, now).waitingDays,
    ).toBe(3);
  });

  it('marks an overdue follow-up and who still awaits first contact', () => {
    expect(caseloadRow(entry({ nextFollowUp: '2025-03-10' }), undefined, now).followUpOverdue).toBe(
      true,
    );
    expect(caseloadRow(entry({ nextFollowUp: '2025-03-11' }), undefined, now).followUpOverdue).toBe(
      false,
    );
    expect(awaitsFirstContact(entry())).toBe(true);
    expect(awaitsFirstContact(entry({ firstReachedAt: '2025-03-04T10:00:00Z' }))).toBe(false);
    expect(
      awaitsFirstContact(
        entry({ record: record({ status: 'in-progress', businessStatus: 'contacted' }) }),
      ),
    ).toBe(false);
  });
});

describe('who a row shows', () => {
  const view = (patientRef: string): ReferralView => ({
    authoredOn: '2025-03-01T09:30:00Z',
    priority: 'routine',
    needs: [],
    context: undefined,
    contactPreferences: [],
    requester: undefined,
    patientRef,
    patient: {
      name: 'Margaret Ellison',
      birthDate: '1944-03-12',
      gender: undefined,
      nhsNumber: undefined,
      phone: undefined,
      email: undefined,
      address: '1 Mill Lane',
    },
  });

  it('shows the patient only when the Referral is about the case’s own patient', () => {
    expect(caseloadRow(entry(), view('Patient/p1'), now).patientName).toBe('Margaret Ellison');
    const other = caseloadRow(entry(), view('Patient/p2'), now);
    expect(other.patientName).toBeUndefined();
    expect(other.birthDate).toBeUndefined();
  });

  it('names the link worker holding the case', () => {
    const held = entry({ record: record({ assignedTo: 'Practitioner/lw1' }) });
    const names = new Map([['Practitioner/lw1', 'Sam Carter']]);
    expect(caseloadRow(held, undefined, now, names).assignedToName).toBe('Sam Carter');
    expect(caseloadRow(entry(), undefined, now, names).assignedToName).toBeUndefined();
  });
});

describe('gpRecordOf', () => {
  const two = new Map([
    ['practice-a', 'Riverside Surgery (EMIS)'],
    ['practice-b', 'Hillview Practice (SystmOne)'],
  ]);

  it("names the case's GP record when the adapter serves several", () => {
    expect(gpRecordOf(record({ endpoint: 'practice-b' }), two)).toEqual({
      id: 'practice-b',
      name: 'Hillview Practice (SystmOne)',
    });
  });

  it('says nothing with one GP record, or for a case kept only by the service', () => {
    expect(gpRecordOf(record(), new Map([['default', 'EHR']]))).toBeNull();
    expect(gpRecordOf(record({ endpoint: 'practice-a', referralRef: undefined }), two)).toBeNull();
  });
});
