import type { ServiceRequest } from 'fhir/r4';
import { buildOnwardReferral, buildOnwardReferralTask, buildReferral } from '@linkwell/profiles';
import { referralViews } from './referral-view';

// The GP sees what each community service reported on its onward referral's Task.
const referral: ServiceRequest = {
  ...buildReferral({
    identifier: 'ref-1',
    patient: 'Patient/p1',
    requester: 'Practitioner/gp1',
    performer: 'Organization/lw',
    authoredOn: '2026-11-01T09:00:00Z',
    needs: ['loneliness'],
  }),
  id: 'r1',
};
const onward = (id: string): ServiceRequest => ({
  ...buildOnwardReferral({
    identifier: `on-${id}`,
    referral: 'ServiceRequest/r1',
    patient: 'Patient/p1',
    requester: 'Practitioner/lw1',
    service: `HealthcareService/${id}`,
    serviceName: `Service ${id}`,
    authoredOn: '2026-11-05T09:00:00Z',
  }),
  id,
});
const task = (focus: string, state: 'accepted' | 'declined', reason?: string) =>
  buildOnwardReferralTask({
    identifier: `t-${focus}`,
    onwardReferral: `ServiceRequest/${focus}`,
    patient: 'Patient/p1',
    requester: 'Practitioner/lw1',
    service: `HealthcareService/${focus}`,
    authoredOn: '2026-11-05T09:00:00Z',
    state,
    ...(reason === undefined ? {} : { reason }),
  });

it('shows each onward referral with what the service reported, and nothing for one not yet answered', () => {
  const [view] = referralViews({
    patient: { resourceType: 'Patient', id: 'p1' },
    serviceRequests: [referral, onward('a'), onward('b'), onward('c')],
    tasks: [task('a', 'accepted'), task('b', 'declined', 'Full until spring')],
    goals: [],
    observations: [],
    closingSummaries: [],
    consents: [],
    organizations: [],
    roles: [],
    affiliations: [],
  });
  expect(view?.onward.map((o) => [o.id, o.reported])).toEqual([
    ['a', 'Accepted'],
    ['b', 'Declined: Full until spring'],
    ['c', undefined],
  ]);
});
