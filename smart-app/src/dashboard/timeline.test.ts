import { buildReferralTask, type ReferralTaskInput } from '@linkwell/profiles';
import { statusLabel, timelineOf } from './timeline';

const base: ReferralTaskInput = {
  referral: 'ServiceRequest/sr-1',
  patient: 'Patient/p-1',
  requester: 'Practitioner/gp-1',
  owner: 'Organization/sp-1',
  authoredOn: '2025-02-03T10:15:00Z',
};
const shown = (steps: ReturnType<typeof timelineOf>) =>
  steps.map((s) => `${s.label} | ${s.state} | ${s.date ?? '-'}`);

describe('the referral timeline', () => {
  it('shows only the steps in the status history, each with its date', () => {
    const task = buildReferralTask({
      ...base,
      status: 'in-progress',
      businessStatus: 'first-meeting',
      lastModified: '2025-02-20T09:00:00Z',
      statusHistory: [
        { status: 'requested', date: '2025-02-03T10:15:00Z' },
        { status: 'accepted', date: '2025-02-04T09:00:00Z' },
        { status: 'in-progress', businessStatus: 'contacted', date: '2025-02-10T11:00:00Z' },
        { status: 'in-progress', businessStatus: 'first-meeting', date: '2025-02-20T09:00:00Z' },
      ],
    });
    expect(shown(timelineOf(task, base.authoredOn))).toEqual([
      'Referral sent | done | 2025-02-03T10:15:00Z',
      'Accepted by the link-worker service | done | 2025-02-04T09:00:00Z',
      'Contacted | done | 2025-02-10T11:00:00Z',
      'First meeting held | current | 2025-02-20T09:00:00Z',
    ]);
    // Nothing that has not happened: no "Plan agreed", no "Completed".
    expect(shown(timelineOf(task, base.authoredOn)).join()).not.toMatch(/Plan agreed|Completed/);
    expect(statusLabel(task)).toBe('First meeting held');
  });

  it('names who made each step when the history says', () => {
    const task = buildReferralTask({
      ...base,
      status: 'accepted',
      businessStatus: 'awaiting-contact',
      statusHistory: [
        {
          status: 'accepted',
          businessStatus: 'awaiting-contact',
          date: '2025-02-04T09:00:00Z',
          by: { reference: 'Practitioner/lw-1', display: 'Aisha Begum' },
        },
      ],
    });
    expect(timelineOf(task, base.authoredOn).map((s) => s.by)).toEqual([undefined, 'Aisha Begum']);
  });

  it('falls back to authoredOn and the current status with lastModified without a history', () => {
    const task = buildReferralTask({
      ...base,
      status: 'in-progress',
      businessStatus: 'contacted',
      lastModified: '2025-02-10T09:00:00Z',
    });
    expect(shown(timelineOf(task, base.authoredOn))).toEqual([
      'Referral sent | done | 2025-02-03T10:15:00Z',
      'Contacted | current | 2025-02-10T09:00:00Z',
    ]);
  });

  it('closes with the current status when the history has not caught up with it', () => {
    const task = buildReferralTask({
      ...base,
      status: 'completed',
      businessStatus: 'discharged',
      lastModified: '2025-06-01T09:00:00Z',
      statusHistory: [{ status: 'accepted', date: '2025-02-04T09:00:00Z' }],
    });
    expect(shown(timelineOf(task, base.authoredOn))).toEqual([
      'Referral sent | done | 2025-02-03T10:15:00Z',
      'Accepted by the link-worker service | done | 2025-02-04T09:00:00Z',
      'Discharged | done | 2025-06-01T09:00:00Z',
    ]);
  });

  it('ends with the reason when the service rejects the referral', () => {
    const task = buildReferralTask({
      ...base,
      status: 'rejected',
      statusReason: 'outside-area',
      lastModified: '2025-02-04T09:00:00Z',
    });
    const steps = timelineOf(task, base.authoredOn);
    expect(shown(steps)).toEqual([
      'Referral sent | done | 2025-02-03T10:15:00Z',
      'Not accepted by the service | stopped | 2025-02-04T09:00:00Z',
    ]);
    expect(steps[1]?.note).toBe('Outside the service area');
  });

  it('shows a person who did not engage as stopped, and only "sent" before a Task moves', () => {
    const gaveUp = buildReferralTask({
      ...base,
      status: 'in-progress',
      businessStatus: 'did-not-engage',
      statusHistory: [
        { status: 'in-progress', businessStatus: 'did-not-engage', date: '2025-03-01T09:00:00Z' },
      ],
    });
    expect(shown(timelineOf(gaveUp, base.authoredOn))[1]).toBe(
      'Did not engage | stopped | 2025-03-01T09:00:00Z',
    );
    const waiting = buildReferralTask({ ...base, status: 'requested' });
    expect(shown(timelineOf(waiting, base.authoredOn))).toEqual([
      'Referral sent | current | 2025-02-03T10:15:00Z',
    ]);
    expect(shown(timelineOf(undefined, base.authoredOn))).toEqual([
      'Referral sent | current | 2025-02-03T10:15:00Z',
    ]);
  });
});
