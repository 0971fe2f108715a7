import type {
  Bundle,
  BundleEntry,
  Consent,
  DocumentReference,
  FhirResource,
  Goal,
  Observation,
  OperationOutcome,
  Organization,
  OrganizationAffiliation,
  Patient,
  Practitioner,
  PractitionerRole,
  ServiceRequest,
  Task,
} from 'fhir/r4';
import { OperationOutcomeError, outcomeText } from '@linkwell/profiles';
import {
  PATIENT_SEARCHES,
  patientSearches,
  practiceAffiliationSearch,
  serviceDirectorySearch,
} from './patient-searches';

/** Everything the app shows, read in one batch: the patient, their referrals and what came back. */
export interface DashboardData {
  readonly patient: Patient;
  readonly serviceRequests: readonly ServiceRequest[];
  readonly tasks: readonly Task[];
  readonly goals: readonly Goal[];
  readonly observations: readonly Observation[];
  readonly closingSummaries: readonly DocumentReference[];
  readonly consents: readonly Consent[];
  readonly organizations: readonly Organization[];
  readonly roles: readonly PractitionerRole[];
  readonly affiliations: readonly OrganizationAffiliation[];
  /** The GP signed in, for their name; absent when the record has no such Practitioner. */
  readonly practitioner?: Practitioner;
}

/** A batch entry the server refused: the one OperationOutcome error type, with the entry's status. */
export function batchEntryError(
  status: number,
  what: string,
  outcome: OperationOutcome | undefined,
): OperationOutcomeError {
  const said = outcomeText(outcome, { atLeast: 'information' });
  return new OperationOutcomeError(
    status,
    `${status} reading ${what}${said === undefined ? '' : `: ${said}`}`,
    outcome,
  );
}

const get = (url: string): BundleEntry => ({ request: { method: 'GET', url } });
const COUNT = { observations: 500 } as const;

/** The one batch the dashboard needs; `practitionerId` adds the GP, their roles and practice set-up. */
export function dashboardBatch(patientId: string, practitionerId?: string): Bundle {
  const searches = patientSearches(patientId);
  const entries = [
    get(`Patient/${encodeURIComponent(patientId)}`),
    ...PATIENT_SEARCHES.map((key) =>
      get(`${searches[key]}&_count=${key === 'observations' ? COUNT.observations : 200}`),
    ),
    get(serviceDirectorySearch()),
  ];
  if (practitionerId !== undefined) {
    const id = encodeURIComponent(practitionerId);
    entries.push(
      get(`PractitionerRole?practitioner=${id}`),
      get(practiceAffiliationSearch(practitionerId)),
      get(`Practitioner/${id}`),
    );
  }
  return { resourceType: 'Bundle', type: 'batch', entry: entries };
}

const statusOf = (entry: BundleEntry | undefined): number =>
  Number.parseInt(entry?.response?.status ?? '0', 10);

function found<T extends FhirResource>(entry: BundleEntry | undefined, what: string): T[] {
  const status = statusOf(entry);
  const resource = entry?.resource as FhirResource | undefined;
  if (!(status >= 200 && status < 300) || resource === undefined) {
    const outcome = resource?.resourceType === 'OperationOutcome' ? resource : undefined;
    throw batchEntryError(status, what, outcome);
  }
  if (resource.resourceType !== 'Bundle') return [resource as T];
  return (resource.entry ?? [])
    .filter((e) => e.search?.mode !== 'outcome')
    .map((e) => e.resource)
    .filter((r): r is T => r !== undefined);
}

/** Reads the batch-response in request order; a refused entry throws with its status. */
export function readDashboardBatch(response: Bundle): DashboardData {
  const entries = response.entry ?? [];
  const [patient] = found<Patient>(entries[0], 'the patient');
  if (patient === undefined) throw batchEntryError(404, 'the patient', undefined);
  const gp = entries.length > 8;
  // The GP's own Practitioner only gives their name: a record without it still shows the dashboard.
  const practitioner =
    gp && statusOf(entries[10]) === 200
      ? (entries[10]?.resource as FhirResource | undefined)
      : undefined;
  return {
    patient,
    serviceRequests: found<ServiceRequest>(entries[1], 'referrals'),
    tasks: found<Task>(entries[2], 'referral progress'),
    goals: found<Goal>(entries[3], 'goals'),
    observations: found<Observation>(entries[4], 'outcome measures'),
    closingSummaries: found<DocumentReference>(entries[5], 'closing summaries'),
    consents: found<Consent>(entries[6], 'consent'),
    organizations: found<Organization>(entries[7], 'link-worker services'),
    roles: gp ? found<PractitionerRole>(entries[8], "the GP's roles") : [],
    affiliations: gp ? found<OrganizationAffiliation>(entries[9], "the practice's services") : [],
    ...(practitioner?.resourceType === 'Practitioner' ? { practitioner } : {}),
  };
}
