import type { CaseloadRow } from '@linkwell/contracts';
import { DEFAULT_QUERY, caseloadView, stageLabel } from './caseload-view';

const row = (id: string, patch: Partial<CaseloadRow> = {}): CaseloadRow => ({
  id,
  status: 'requested',
  receivedAt: '2025-03-01T10:00:00Z',
  updatedAt: '2025-03-01T10:00:00Z',
  priority: 'routine',
  needs: [],
  referredAt: '2025-03-01T10:00:00Z',
  waitingDays: 0,
  awaitingFirstContact: true,
  contactAttempts: 0,
  followUpOverdue: false,
  ...patch,
});
const me = 'Practitioner/lw-1';
const rows = [
  row('a', {
    patientName: 'Margaret Ellison',
    referredAt: '2025-03-01T10:00:00Z',
    waitingDays: 10,
  }),
  row('b', {
    patientName: 'David Price',
    referredAt: '2025-03-05T10:00:00Z',
    assignedTo: me,
    status: 'accepted',
    waitingDays: 6,
  }),
  row('c', {
    patientName: 'Kayleigh Moss',
    referredAt: '2025-03-08T10:00:00Z',
    assignedTo: 'Practitioner/other',
    status: 'in-progress',
    businessStatus: 'contacted',
    awaitingFirstContact: false,
    waitingDays: 1,
    nextFollowUp: '2025-03-09',
  }),
];
const ids = (list: CaseloadRow[]): string[] => list.map((r) => r.id);

describe('caseloadView', () => {
  it('puts the newest referrals first, or those waiting longest for first contact', () => {
    expect(ids(caseloadView(rows, DEFAULT_QUERY, me))).toEqual(['c', 'b', 'a']);
    expect(ids(caseloadView(rows, { ...DEFAULT_QUERY, order: 'waiting-longest' }, me))).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(ids(caseloadView(rows, { ...DEFAULT_QUERY, order: 'follow-up' }, me))[0]).toBe('c');
  });

  it('counts a case I cover for an absent colleague among mine while the cover is active', () => {
    const cover = { practitioner: me, from: '2025-03-01', until: '2025-03-20' };
    const covered = [
      ...rows,
      row('e', { assignedTo: 'Practitioner/away', cover: { ...cover, active: true } }),
      row('f', { assignedTo: 'Practitioner/away', cover: { ...cover, active: false } }),
    ];
    expect(ids(caseloadView(covered, { ...DEFAULT_QUERY, show: 'mine' }, me))).toEqual(['b', 'e']);
  });

  it('puts overdue follow-ups first whatever the order', () => {
    const overdue = [
      ...rows,
      row('d', { referredAt: '2025-02-01T10:00:00Z', followUpOverdue: true }),
    ];
    expect(ids(caseloadView(overdue, DEFAULT_QUERY, me))).toEqual(['d', 'c', 'b', 'a']);
    expect(ids(caseloadView(overdue, { ...DEFAULT_QUERY, order: 'waiting-longest' }, me))[0]).toBe(
      'd',
    );
  });

  it('filters mine, unassigned, by status, and by name', () => {
    expect(ids(caseloadView(rows, { ...DEFAULT_QUERY, show: 'mine' }, me))).toEqual(['b']);
    expect(ids(caseloadView(rows, { ...DEFAULT_QUERY, show: 'unassigned' }, me))).toEqual(['a']);
    expect(ids(caseloadView(rows, { ...DEFAULT_QUERY, status: 'in-progress' }, me))).toEqual(['c']);
    expect(ids(caseloadView(rows, { ...DEFAULT_QUERY, search: 'ellison MARG' }, me))).toEqual([
      'a',
    ]);
  });

  it('filters a caseload of 500 quickly enough to type into', () => {
    const many = Array.from({ length: 500 }, (_, i) =>
      row(`r${i}`, { patientName: `Person ${i}` }),
    );
    // Every word must appear: 49, 149, 249, 349, 449 and 490–499.
    expect(caseloadView(many, { ...DEFAULT_QUERY, search: 'person 49' }, me)).toHaveLength(15);
  });

  it('names the stage in the link worker’s words', () => {
    expect(stageLabel({ status: 'requested' })).toBe('New referral');
    expect(stageLabel({ status: 'in-progress', businessStatus: 'connected' })).toBe(
      'Connected to community support',
    );
  });
});
