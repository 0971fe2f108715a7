import type {
  Bundle,
  Consent,
  DocumentReference,
  FhirResource,
  ServiceRequest,
  Task,
} from 'fhir/r4';
import { CLOSING_SUMMARY_CATEGORY, closingSummaryLetter } from '@linkwell/profiles';
import { fhirRequest } from '../../support/fhir-http';

// What the GP record (HAPI itself, not the sandbox's proxy) holds for the loop's patient.

async function search<T extends FhirResource>(
  type: T['resourceType'],
  query: Record<string, string>,
): Promise<T[]> {
  const found = await fhirRequest<Bundle>(
    'GET',
    `${type}?${new URLSearchParams(query).toString()}`,
  );
  if (found.status !== 200) throw new Error(`${type} search answered ${String(found.status)}`);
  return (found.body.entry ?? [])
    .map((e) => e.resource)
    .filter((r): r is T => r?.resourceType === type);
}

/** The closing summaries for a patient, searched as the GP app does. */
export const closingSummariesOf = (patientId: string): Promise<DocumentReference[]> =>
  search<DocumentReference>('DocumentReference', {
    patient: patientId,
    category: `${CLOSING_SUMMARY_CATEGORY.system ?? ''}|${CLOSING_SUMMARY_CATEGORY.code ?? ''}`,
  });

/** The patient's Consents (the one the GP recorded with the referral). */
export const consentsOf = (patientId: string): Promise<Consent[]> =>
  search<Consent>('Consent', { patient: patientId });

/** The readable letter of a closing summary (its text/plain attachment), or ''. */
export const letterText = (doc: DocumentReference): string => closingSummaryLetter(doc)?.text ?? '';

/** Creates (or replaces) a test patient on HAPI. */
export async function putPatient(
  id: string,
  given: string,
  family: string,
  facts: { birthDate: string; gender?: 'female' | 'male'; nhsNumber?: string },
): Promise<void> {
  const { nhsNumber, ...rest } = facts;
  const put = await fhirRequest('PUT', `Patient/${id}`, {
    resourceType: 'Patient',
    id,
    name: [{ use: 'official', family, given: [given] }],
    ...rest,
    ...(nhsNumber === undefined
      ? {}
      : { identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: nhsNumber }] }),
  });
  if (put.status >= 300) throw new Error(`Patient PUT answered ${String(put.status)}`);
}

/** The patient's social prescribing referrals. */
export const referralsOf = (patientId: string): Promise<ServiceRequest[]> =>
  search<ServiceRequest>('ServiceRequest', { subject: `Patient/${patientId}` });

/** Writes a Task for `forPatient` whose focus is someone else's referral: ingest must hold it. */
export async function plantCrossPatientTask(
  serviceOrg: string,
  referral: string,
  forPatient: string,
): Promise<string> {
  const task: Task = {
    resourceType: 'Task',
    status: 'requested',
    intent: 'order',
    code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill' }] },
    focus: { reference: referral },
    for: { reference: `Patient/${forPatient}` },
    owner: { reference: `Organization/${serviceOrg}` },
    authoredOn: new Date().toISOString(),
  };
  const created = await fhirRequest<Task>('POST', 'Task', task);
  if (created.status !== 201) throw new Error(`Task create answered ${String(created.status)}`);
  return `Task/${created.body.id ?? ''}`;
}
