import type { Bundle, FhirResource, Patient } from 'fhir/r4';
import { randomUUID } from 'node:crypto';
import { fhirRequest } from '../../support/fhir-http';

/** A fresh patient for one test file, written straight to HAPI, so counts are exact. */
export async function createTestPatient(family: string): Promise<string> {
  const id = `e2e-gp-${randomUUID().slice(0, 8)}`;
  const patient: Patient = {
    resourceType: 'Patient',
    id,
    name: [{ use: 'official', family, given: ['Test'] }],
    birthDate: '1950-01-01',
    gender: 'female',
    identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990009999' }],
  };
  const response = await fhirRequest('PUT', `Patient/${id}`, patient);
  if (response.status >= 300)
    throw new Error(`creating the test patient failed: ${JSON.stringify(response.body)}`);
  return id;
}

/** Resources of a type for the patient, read from HAPI directly (not through the app). */
export async function resourcesFor<T extends FhirResource>(
  type: string,
  patientId: string,
): Promise<T[]> {
  const response = await fhirRequest<Bundle>('GET', `${type}?patient=${patientId}&_count=100`);
  return (response.body.entry ?? []).map((e) => e.resource as T);
}

/** Writes a resource as the link-worker side would (HAPI directly); throws on refusal. */
export async function write(resource: FhirResource): Promise<FhirResource> {
  const method = resource.id === undefined ? 'POST' : 'PUT';
  const path =
    resource.id === undefined ? resource.resourceType : `${resource.resourceType}/${resource.id}`;
  const response = await fhirRequest(method, path, resource);
  if (response.status >= 300) {
    throw new Error(`${method} ${resource.resourceType} refused: ${JSON.stringify(response.body)}`);
  }
  return response.body;
}
