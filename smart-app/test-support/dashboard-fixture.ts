import type {
  Bundle,
  BundleEntry,
  Consent,
  DocumentReference,
  FhirResource,
  Organization,
  OrganizationAffiliation,
  Patient,
  Practitioner,
  PractitionerRole,
  Task,
} from 'fhir/r4';
import {
  buildClosingSummary,
  buildConsent,
  buildGoal,
  buildOnwardReferral,
  buildOutcomeObservation,
  buildReferral,
  buildReferralTask,
  type ClosingSummaryInput,
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
const linkWorkerType = [
  {
    coding: [
      {
        system: 'https://linkwell.example.org/fhir/CodeSystem/linkwell-organization-type',
        code: 'link-worker-service',
      },
    ],
  },
];
const service: Organization = {
  resourceType: 'Organization',
  id: 'sp-1',
  name: 'Riverside Social Prescribing Service',
  type: linkWorkerType,
};
// Alphabetically first, and not the practice's service: the form must not preselect it.
const otherService: Organization = {
  resourceType: 'Organization',
  id: 'sp-2',
  name: 'Eastfield Community Link Service',
  type: linkWorkerType,
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
const gp: Practitioner = {
  resourceType: 'Practitioner',
  id: 'gp-1',
  name: [{ use: 'official', prefix: ['Dr'], given: ['Amara'], family: 'Okafor' }],
};
export const affiliation: OrganizationAffiliation = {
  resourceType: 'OrganizationAffiliation',
  id: 'aff-1',
  active: true,
  organization: { reference: 'Organization/sp-1' },
  participatingOrganization: { reference: 'Organization/practice-1' },
};
export const consent: Consent = {
  ...buildConsent({
    patient: 'Patient/pat-1',
    dateTime: '2025-02-03T10:15:00Z',
    linkWorkerService: 'Organization/sp-1',
    permits: ['share-referral', 'write-back-outcomes'],
    recordedBy: { reference: 'Practitioner/gp-1', display: 'Dr Amara Okafor' },
  }),
  id: 'c-1',
  meta: { versionId: '3', lastUpdated: '2025-02-03T10:15:01Z' },
};
const referral = {
  ...buildReferral({
    identifier: 'ref-1',
    patient: 'Patient/pat-1',
    requester: 'PractitionerRole/gp-1-role',
    performer: 'Organization/sp-1',
    authoredOn: '2025-02-03T10:15:00Z',
    needs: ['social-isolation', 'bereavement'],
    consent: 'Consent/c-1',
  }),
  id: 'sr-1',
  meta: { lastUpdated: '2025-02-03T10:15:01Z' },
};
export const task: Task = {
  ...buildReferralTask({
    referral: 'ServiceRequest/sr-1',
    patient: 'Patient/pat-1',
    requester: 'PractitionerRole/gp-1-role',
    owner: 'Organization/sp-1',
    authoredOn: '2025-02-03T10:15:00Z',
    lastModified: '2025-02-10T09:00:00Z',
    status: 'in-progress',
    businessStatus: 'contacted',
    caseHolder: { reference: 'Practitioner/lw-1', display: 'Sam Carter' },
  }),
  id: 'task-1',
  meta: { lastUpdated: '2025-02-10T09:00:00Z' },
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
  meta: { lastUpdated: date },
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

export const closingInput: ClosingSummaryInput = {
  identifier: 'case-1',
  patient: 'Patient/pat-1',
  referral: 'ServiceRequest/sr-1',
  task: 'Task/task-1',
  linkWorker: { reference: 'Practitioner/lw-1', display: 'Sam Carter' },
  service: { reference: 'Organization/sp-1', display: 'Riverside Social Prescribing Service' },
  closedOn: '2025-06-20T15:00:00Z',
  outcome: 'Discharged',
  reason: 'Goals met; sings with the choir every week.',
  support: { contactAttempts: 1, conversations: 2, meetings: 3, onward: [] },
  goals: [{ description: 'Get back to the choir on Thursdays', status: 'Achieved' }],
  outcomes: [],
  writeBackWithheld: false,
};

export const closingSummary: DocumentReference = {
  ...buildClosingSummary(closingInput),
  id: 'doc-1',
};

const ok = (resource: FhirResource): BundleEntry => ({ resource, response: { status: '200 OK' } });
const searchset = (resources: readonly FhirResource[]): BundleEntry =>
  ok({
    resourceType: 'Bundle',
    type: 'searchset',
    entry: resources.map((resource) => ({ resource })),
  });

export interface DashboardOptions {
  readonly referrals?: boolean;
  readonly task?: Task;
  readonly summaries?: readonly DocumentReference[];
  readonly consent?: Consent;
  readonly affiliations?: readonly OrganizationAffiliation[];
}

/** The batch-response for the dashboard batch, in request order. */
export function dashboardResponse(options: DashboardOptions = {}): Bundle {
  const withReferral = options.referrals ?? true;
  const some = (resources: readonly FhirResource[]): BundleEntry =>
    searchset(withReferral ? resources : []);
  return {
    resourceType: 'Bundle',
    type: 'batch-response',
    entry: [
      ok(patient),
      some([referral, onward]),
      some([options.task ?? task]),
      some([goal]),
      some([
        observation('obs-1', 8, '2025-02-12T10:00:00Z'),
        observation('obs-2', 5, '2025-05-12T10:00:00Z'),
      ]),
      some(options.summaries ?? []),
      some([options.consent ?? consent]),
      searchset([service, otherService, practice]),
      searchset([role]),
      searchset(options.affiliations ?? [affiliation]),
      ok(gp),
    ],
  };
}

/** The change probe's answer: one count per patient search (all zero unless given). */
export function countResponse(totals: readonly number[] = []): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'batch-response',
    entry: Array.from({ length: 6 }, (_, i) =>
      ok({ resourceType: 'Bundle', type: 'searchset', total: totals[i] ?? 0 }),
    ),
  };
}

/** True for the change probe's batch (counts only), as against the dashboard batch. */
export function isChangeProbe(body: Bundle | undefined): boolean {
  return (body?.entry ?? []).some((e) => e.request?.url.includes('_summary=count') === true);
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
