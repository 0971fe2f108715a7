import { buildReferralTask, type ReferralTaskInput } from '@linkwell/profiles';
import { statusLabel, timelineOf } from './timeline';

const base: ReferralTaskInput = {
  referral: 'ServiceRequest/sr-1',
  patient: 'Patient/p-1',
  requester: 'Practitioner/gp-1',
  owner: 'Organization/sp-1',
  authoredOn: '2025-02-03T10:15:00Z',
};
const states = (steps: ReturnType<typeof timelineOf>) => steps.map((s) => `${s.key}:${s.state}`);

describe('the referral timeline', () => {
  it('marks the step the business status has reached', () => {
    const task = buildReferralTask({
      ...base,
      status: 'in-progress',
      businessStatus: 'first-meeting',
    });
    expect(states(timelineOf(task, base.authoredOn)).slice(0, 5)).toEqual([
      'requested:done',
      'accepted:done',
      'contacted:done',
      'first-meeting:current',
      'plan-agreed:upcoming',
    ]);
    expect(statusLabel(task)).toBe('First meeting held');
  });

  it('ends with the reason when the service rejects the referral', () => {
    const task = buildReferralTask({ ...base, status: 'rejected', statusReason: 'outside-area' });
    const steps = timelineOf(task, base.authoredOn);
    expect(states(steps)).toEqual(['requested:done', 'accepted:done', 'stopped:stopped']);
    expect(steps[2]?.note).toBe('Outside the service area');
  });

  it('shows every step done when completed, and only "sent" before a Task exists', () => {
    const done = timelineOf(buildReferralTask({ ...base, status: 'completed' }), base.authoredOn);
    expect(done.every((s) => s.state === 'done')).toBe(true);
    expect(states(timelineOf(undefined, base.authoredOn))[0]).toBe('requested:current');
  });
});
