import type { Bundle, HumanName, Patient, Practitioner } from 'fhir/r4';
import type { NamedReference, Requester } from '@linkwell/profiles';
import { referralViews, type ReferralView } from '../dashboard/referral-view';
import {
  configuredService,
  linkWorkerServices,
  requesterOf,
  type ServiceOption,
} from '../dashboard/services';
import { MissingContextError } from '../smart/problems';
import type { SmartClient } from '../smart/smart-client';
import { newestUpdate } from './change-probe';
import { dashboardBatch, readDashboardBatch } from './dashboard-batch';
import { localReference } from './references';

/** What the app shows for the patient in context. */
export interface Dashboard {
  readonly patient: Patient;
  readonly patientId: string;
  readonly requester?: Requester;
  /** The GP signed in, as consent records name them. */
  readonly gp?: NamedReference;
  readonly services: readonly ServiceOption[];
  /** The service configured for the practice, preselected in the referral form. */
  readonly preferredService?: string;
  readonly referrals: readonly ReferralView[];
  /** The newest lastUpdated among what was read: the change probe asks for anything after it. */
  readonly since?: string;
}

function nameOf(name: HumanName | undefined): string | undefined {
  if (name === undefined) return undefined;
  const parts = [...(name.prefix ?? []), ...(name.given ?? []), name.family ?? ''];
  const text = name.text ?? parts.filter((part) => part.trim() !== '').join(' ');
  return text.trim() === '' ? undefined : text.trim();
}

function gpOf(reference: string | undefined, practitioner: Practitioner | undefined) {
  if (reference?.startsWith('Practitioner/') !== true) return undefined;
  const official = practitioner?.name?.find((n) => n.use === 'official') ?? practitioner?.name?.[0];
  return { reference, display: nameOf(official) ?? 'the GP' };
}

/** One round trip after the token: a batch Bundle with every search the dashboard needs. */
export async function loadDashboard(client: SmartClient, signal?: AbortSignal): Promise<Dashboard> {
  const patientId = client.getPatientId();
  if (patientId === null) throw new MissingContextError('a patient');
  const fhirUser = client.getFhirUser();
  const practitioner = localReference(fhirUser);
  const practitionerId =
    practitioner?.startsWith('Practitioner/') === true
      ? practitioner.slice('Practitioner/'.length)
      : undefined;
  const response = await client.request<Bundle>({
    url: '',
    method: 'POST',
    body: JSON.stringify(dashboardBatch(patientId, practitionerId)),
    headers: { 'content-type': 'application/fhir+json', accept: 'application/fhir+json' },
    ...(signal === undefined ? {} : { signal }),
  });
  const data = readDashboardBatch(response);
  const requester = requesterOf(fhirUser, data.roles);
  const gp = gpOf(practitioner, data.practitioner);
  const services = linkWorkerServices(data.organizations, data.roles);
  const preferredService = configuredService(services, data.affiliations, data.roles);
  const since = newestUpdate(data);
  return {
    patient: data.patient,
    patientId,
    ...(requester === undefined ? {} : { requester }),
    ...(gp === undefined ? {} : { gp }),
    services,
    ...(preferredService === undefined ? {} : { preferredService }),
    referrals: referralViews(data),
    ...(since === undefined ? {} : { since }),
  };
}
