import type {
  Bundle,
  BundleEntry,
  FhirResource,
  Goal,
  Observation,
  OperationOutcome,
  Organization,
  Patient,
  PractitionerRole,
  ServiceRequest,
  Task,
} from 'fhir/r4';
import { FULFILL_TASK_CODE, LINK_WORKER_SERVICE_TYPE, SURVEY_CATEGORY } from '@linkwell/profiles';
import { outcomeText } from '../smart/problems';

/** Everything the app shows, read in one batch: the patient, their referrals and what came back. */
export interface DashboardData {
  readonly patient: Patient;
  readonly serviceRequests: readonly ServiceRequest[];
  readonly tasks: readonly Task[];
  readonly goals: readonly Goal[];
  readonly observations: readonly Observation[];
  readonly organizations: readonly Organization[];
  readonly roles: readonly PractitionerRole[];
}

/** A batch entry the server refused; carries the entry's HTTP status like fhirclient's HttpError. */
export class BatchEntryError extends Error {
  readonly status: number;

  constructor(status: number, what: string, outcome: OperationOutcome | undefined) {
    const said = outcome === undefined ? '' : `: ${outcomeText(outcome)}`;
    super(`${status} reading ${what}${said}`);
    this.name = 'BatchEntryError';
    this.status = status;
  }
}

const get = (url: string): BundleEntry => ({ request: { method: 'GET', url } });

/** The one batch the dashboard needs; `practitionerId` adds the GP's roles (their practice). */
export function dashboardBatch(patientId: string, practitionerId?: string): Bundle {
  const patient = encodeURIComponent(patientId);
  const task = `${FULFILL_TASK_CODE.system ?? ''}|${FULFILL_TASK_CODE.code ?? ''}`;
  const survey = `${SURVEY_CATEGORY.system ?? ''}|${SURVEY_CATEGORY.code ?? ''}`;
  const service = `${LINK_WORKER_SERVICE_TYPE.system ?? ''}|${LINK_WORKER_SERVICE_TYPE.code ?? ''}`;
  const entries = [
    get(`Patient/${patient}`),
    get(`ServiceRequest?patient=${patient}&_count=200`),
    get(`Task?patient=${patient}&code=${encodeURIComponent(task)}&_count=200`),
    get(`Goal?patient=${patient}&_count=200`),
    get(`Observation?patient=${patient}&category=${encodeURIComponent(survey)}&_count=500`),
    get(`Organization?type=${encodeURIComponent(service)}&active=true&_count=200`),
  ];
  if (practitionerId !== undefined) {
    entries.push(get(`PractitionerRole?practitioner=${encodeURIComponent(practitionerId)}`));
  }
  return { resourceType: 'Bundle', type: 'batch', entry: entries };
}

function found<T extends FhirResource>(entry: BundleEntry | undefined, what: string): T[] {
  const status = Number.parseInt(entry?.response?.status ?? '0', 10);
  const resource = entry?.resource as FhirResource | undefined;
  if (!(status >= 200 && status < 300) || resource === undefined) {
    const outcome = resource?.resourceType === 'OperationOutcome' ? resource : undefined;
    throw new BatchEntryError(status, what, outcome);
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
  if (patient === undefined) throw new BatchEntryError(404, 'the patient', undefined);
  return {
    patient,
    serviceRequests: found<ServiceRequest>(entries[1], 'referrals'),
    tasks: found<Task>(entries[2], 'referral progress'),
    goals: found<Goal>(entries[3], 'goals'),
    observations: found<Observation>(entries[4], 'outcome measures'),
    organizations: found<Organization>(entries[5], 'link-worker services'),
    roles: entries.length > 6 ? found<PractitionerRole>(entries[6], "the GP's roles") : [],
  };
}
