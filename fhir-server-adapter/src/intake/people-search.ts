import type { Bundle, Patient } from 'fhir/r4';
import type { PersonMatch } from '@linkwell/contracts';
import type { FhirGateway } from '../fhir/gateway';
import { displayName } from '../fhir/referral-details';

export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
/** At most this many people are shown for one search: more means the search is too loose. */
export const MAX_MATCHES = 20;

export type PeopleQuery =
  | { readonly nhsNumber: string }
  | { readonly family: string; readonly given?: string | undefined; readonly birthDate: string };

export function personMatch(patient: Patient & { id: string }): PersonMatch {
  return {
    patient: `Patient/${patient.id}`,
    name: displayName(patient.name),
    birthDate: patient.birthDate,
    gender: patient.gender,
    nhsNumber: patient.identifier?.find((i) => i.system === NHS_NUMBER_SYSTEM)?.value,
    postcode: patient.address?.find((a) => a.postalCode !== undefined)?.postalCode,
  };
}

/**
 * Finds people on the EHR (Backend Services, `system/Patient.rs`): by NHS number, or by family
 * name and birth date (and given name when known). Only active records; at most MAX_MATCHES.
 */
export async function findPeople(gateway: FhirGateway, query: PeopleQuery): Promise<PersonMatch[]> {
  const params: Record<string, string> =
    'nhsNumber' in query
      ? { identifier: `${NHS_NUMBER_SYSTEM}|${query.nhsNumber}` }
      : {
          family: query.family,
          birthdate: query.birthDate,
          ...(query.given === undefined ? {} : { given: query.given }),
        };
  const bundle: Bundle = await gateway.search('Patient', {
    ...params,
    _count: String(MAX_MATCHES),
  });
  return (bundle.entry ?? [])
    .flatMap((e) => (e.resource?.resourceType === 'Patient' ? [e.resource as Patient] : []))
    .filter((p): p is Patient & { id: string } => p.id !== undefined && p.active !== false)
    .map(personMatch);
}

/** The Patient as the EHR has it, or undefined when there is no such (active) record. */
export async function readPerson(
  gateway: FhirGateway,
  patientRef: `Patient/${string}`,
): Promise<Patient | undefined> {
  try {
    const patient = await gateway.read<Patient>('Patient', patientRef.slice('Patient/'.length));
    return patient.active === false ? undefined : patient;
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    if (status === 404 || status === 410) return undefined;
    throw error;
  }
}
