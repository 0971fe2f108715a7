import type { Bundle, FhirResource, Organization, Patient, PractitionerRole } from 'fhir/r4';
import {
  buildGoal,
  buildOnwardReferral,
  buildOutcomeObservation,
  buildReferral,
  buildReferralTask,
} from '@linkwell/profiles';

// A patient with one referral that the link-worker service has worked: the loop, closed.
const patient: Patient = {
  resourceType: 'Patient',
  id: 'pat-1',
  name: [{ use: 'official', family: 'Ellis', given: ['Margaret'] }],
  birthDate: '1948-05-02',
  gender: 'female',
  identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990001234' }],
};
const service: Organization = {
  resourceType: 'Organization',
  id: 'sp-1',
  name: 'Riverside Social Prescribing Service',
};
const practice: Organization = {
  resourceType: 'Organization',
  id: 'practice-1',
  name: 'Riverside Medical Practice',
};
const role: PractitionerRole = {
  resourceType: 'PractitionerRole',
  id: 'gp-1-role',
  practitioner: { reference: 'Practitioner/gp-1' },
  organization: { reference: 'Organization/practice-1' },
};
const referral = {
  ...buildReferral({
    identifier: 'ref-1',
    patient: 'Patient/pat-1',
    requester: 'PractitionerRole/gp-1-role',
    performer: 'Organization/sp-1',
    authoredOn: '2025-02-03T10:15:00Z',
    needs: ['social-isolation', 'bereavement'],
  }),
  id: 'sr-1',
};
const task = {
  ...buildReferralTask({
    referral: 'ServiceRequest/sr-1',
    patient: 'Patient/pat-1',
    requester: 'PractitionerRole/gp-1-role',
    owner: 'Organization/sp-1',
    authoredOn: '2025-02-03T10:15:00Z',
    lastModified: '2025-02-10T09:00:00Z',
    status: 'in-progress',
    businessStatus: 'contacted',
  }),
  id: 'task-1',
};
const goal = {
  ...buildGoal({
    description: 'Get back to the choir on Thursdays',
    patient: 'Patient/pat-1',
    referral: 'ServiceRequest/sr-1',
    startDate: '2025-02-12',
    achievement: 'improving',
  }),
  id: 'goal-1',
};
const observation = (id: string, value: number, date: string): FhirResource => ({
  ...buildOutcomeObservation({
    measure: 'ucla3-total',
    value,
    patient: 'Patient/pat-1',
    referral: 'ServiceRequest/sr-1',
    performer: 'Patient/pat-1',
    effectiveDateTime: date,
  }),
  id,
});
const onward = {
  ...buildOnwardReferral({
    identifier: 'onward-1',
    referral: 'ServiceRequest/sr-1',
    patient: 'Patient/pat-1',
    requester: 'PractitionerRole/lw-1',
    service: 'HealthcareService/mens-shed',
    serviceName: "Men's Shed",
    authoredOn: '2025-03-01T10:00:00Z',
  }),
  id: 'sr-2',
};

const ok = (resource: FhirResource) => ({ resource, response: { status: '200 OK' } });
const searchset = (resources: FhirResource[]) =>
  ok({
    resourceType: 'Bundle',
    type: 'searchset',
    entry: resources.map((resource) => ({ resource })),
  });

/** The batch-response for the dashboard batch, in request order. */
export function dashboardResponse(options: { referrals?: boolean } = {}): Bundle {
  const withReferral = options.referrals ?? true;
  return {
    resourceType: 'Bundle',
    type: 'batch-response',
    entry: [
      ok(patient),
      searchset(withReferral ? [referral, onward] : []),
      searchset(withReferral ? [task] : []),
      searchset(withReferral ? [goal] : []),
      searchset(
        withReferral
          ? [
              observation('obs-1', 8, '2025-02-12T10:00:00Z'),
              observation('obs-2', 5, '2025-05-12T10:00:00Z'),
            ]
          : [],
      ),
      searchset([service, practice]),
      searchset([role]),
    ],
  };
}

/** A transaction-response as HAPI answers a first (201) or repeated (200) conditional create. */
export function transactionResponse(created: boolean): Bundle {
  const status = created ? '201 Created' : '200 OK';
  return {
    resourceType: 'Bundle',
    type: 'transaction-response',
    entry: [
      { response: { status, location: 'Consent/c-9/_history/1' } },
      { response: { status, location: 'ServiceRequest/sr-9/_history/1' } },
      { response: { status, location: 'Task/t-9/_history/1' } },
    ],
  };
}
