import type { Bundle, Patient } from 'fhir/r4';
import type { Requester } from '@linkwell/profiles';
import { referralViews, type ReferralView } from '../dashboard/referral-view';
import { linkWorkerServices, requesterOf, type ServiceOption } from '../dashboard/services';
import type { SmartClient } from '../smart/smart-client';
import { dashboardBatch, readDashboardBatch } from './dashboard-batch';
import { localReference } from './references';

/** What the app shows for the patient in context. */
export interface Dashboard {
  readonly patient: Patient;
  readonly patientId: string;
  readonly requester?: Requester;
  readonly services: readonly ServiceOption[];
  readonly referrals: readonly ReferralView[];
}

/** Thrown when the launch lacks the context the app needs; shown as "open from a record". */
export class MissingContextError extends Error {
  constructor(what: string) {
    super(`No state found: the launch did not include ${what}.`);
    this.name = 'MissingContextError';
  }
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
  return {
    patient: data.patient,
    patientId,
    ...(requester === undefined ? {} : { requester }),
    services: linkWorkerServices(data.organizations, data.roles),
    referrals: referralViews(data),
  };
}
