import type { Coding } from 'fhir/r4';
import {
  CLOSING_SUMMARY_CATEGORY,
  FULFILL_TASK_CODE,
  LINK_WORKER_SERVICE_TYPE,
  SURVEY_CATEGORY,
} from '@linkwell/profiles';

const token = (coding: Coding): string =>
  encodeURIComponent(`${coding.system ?? ''}|${coding.code ?? ''}`);

/** What the dashboard reads about the patient: each a search the change probe repeats as a count. */
export type PatientSearch =
  'serviceRequests' | 'tasks' | 'goals' | 'observations' | 'closingSummaries' | 'consents';

/** In batch order. */
export const PATIENT_SEARCHES: readonly PatientSearch[] = [
  'serviceRequests',
  'tasks',
  'goals',
  'observations',
  'closingSummaries',
  'consents',
];

/** `Type?criteria` for each patient search, without paging: the batch adds `_count`. */
export function patientSearches(patientId: string): Record<PatientSearch, string> {
  const patient = encodeURIComponent(patientId);
  return {
    serviceRequests: `ServiceRequest?patient=${patient}`,
    tasks: `Task?patient=${patient}&code=${token(FULFILL_TASK_CODE)}`,
    goals: `Goal?patient=${patient}`,
    observations: `Observation?patient=${patient}&category=${token(SURVEY_CATEGORY)}`,
    closingSummaries: `DocumentReference?patient=${patient}&category=${token(CLOSING_SUMMARY_CATEGORY)}`,
    consents: `Consent?patient=${patient}`,
  };
}

/** The link-worker services in the directory (outside the patient compartment). */
export function serviceDirectorySearch(): string {
  return `Organization?type=${token(LINK_WORKER_SERVICE_TYPE)}&active=true&_count=200`;
}

/**
 * The services configured for the GP's practice: OrganizationAffiliations whose participating
 * organization is the practice the GP works at (chained through the GP's PractitionerRole, so the
 * dashboard still needs one round trip).
 */
export function practiceAffiliationSearch(practitionerId: string): string {
  const practitioner = encodeURIComponent(practitionerId);
  return `OrganizationAffiliation?participating-organization._has:PractitionerRole:organization:practitioner=${practitioner}&active=true&_count=50`;
}
