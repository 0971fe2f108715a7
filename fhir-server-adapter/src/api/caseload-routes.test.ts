import type { CaseRecord } from '../store/records';
import type { CaseloadEntry } from '../store/caseload-store';
import { awaitsFirstContact, caseloadRow, daysBetween } from './caseload-routes';

const record = (patch: Partial<CaseRecord> = {}): CaseRecord => ({
  id: 'c1',
  serviceOrg: 'svc',
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
