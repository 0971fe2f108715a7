import type { FhirResource } from 'fhir/r4';
import {
  inPatientCompartment,
  inPatientCompartmentTypes,
  PATIENT_SEARCH_PARAMS,
} from './compartment';
import type { FhirRequest } from './fhir-request';
import { grantingScopes, type Permission, type ResourceScope } from './scopes';

/** What a verified access token lets its bearer do. */
export interface AccessContext {
  readonly scopes: readonly ResourceScope[];
  /** The launch patient, when the token carries one. */
  readonly patient?: string;
}

export type AccessDecision =
  | { allowed: false; reason: string }
  | {
      allowed: true;
      /** The query to forward: a confined search gets the patient added when it names none. */
      query: URLSearchParams;
      /** True when only `patient/` scopes grant it: bodies and results must be in the compartment. */
      confined: boolean;
    };

const PERMISSION: Partial<Record<FhirRequest['interaction'], Permission>> = {
  read: 'r',
  vread: 'r',
  history: 'r',
  search: 's',
  create: 'c',
  update: 'u',
  patch: 'u',
  delete: 'd',
};

function refused(reason: string): AccessDecision {
  return { allowed: false, reason };
}

function patientNamedBy(param: string, value: string, patient: string): boolean {
  return value.split(',').every((item) => item === patient || item.endsWith(`Patient/${patient}`));
}

function confineSearch(type: string, query: URLSearchParams, patient: string): AccessDecision {
  const confined = new URLSearchParams(query);
  let named = false;
  for (const [key, value] of query) {
    const param = key.split(':')[0] ?? key;
    const namesPatient =
      PATIENT_SEARCH_PARAMS.includes(key) ||
      PATIENT_SEARCH_PARAMS.includes(param) ||
      (type === 'Patient' && param === '_id');
    if (!namesPatient) continue;
    if (!patientNamedBy(param, value, patient)) {
      return refused(`the token's patient/ scopes do not reach ${key}=${value}`);
    }
    named = true;
  }
  if (!named) confined.set(type === 'Patient' ? '_id' : 'patient', patient);
  return { allowed: true, query: confined, confined: true };
}

/** Decides, before anything reaches HAPI, whether a classified request is within the token's scopes. */
export function decideRequest(
  request: FhirRequest,
  query: URLSearchParams,
  access: AccessContext,
): AccessDecision {
  const { interaction, resourceType, id } = request;
  if (interaction === 'unsupported') return refused(request.reason ?? 'not supported');
  if (interaction === 'capabilities' || interaction === 'page' || interaction === 'bundle') {
    // Pages are checked entry by entry on the way back; bundles entry by entry on the way in.
    return { allowed: true, query, confined: false };
  }
  const permission = PERMISSION[interaction];
  if (permission === undefined || resourceType === undefined) return refused('not supported');
  const wide = grantingScopes(access.scopes, resourceType, permission, ['user', 'system']);
  if (wide.length > 0) return { allowed: true, query, confined: false };
  const narrow = grantingScopes(access.scopes, resourceType, permission, ['patient']);
  if (narrow.length === 0) {
    return refused(`no granted scope permits "${permission}" on ${resourceType}`);
  }
  const patient = access.patient;
  if (patient === undefined) return refused('patient/ scopes need a patient in the launch context');
  if (!inPatientCompartmentTypes(resourceType)) {
    return refused(`${resourceType} is outside the Patient compartment`);
  }
  if (resourceType === 'Patient' && id !== undefined && id !== patient) {
    return refused(`Patient/${id} is not the launch patient`);
  }
  if (interaction === 'search') return confineSearch(resourceType, query, patient);
  if (request.conditional) {
    return refused('conditional update, patch and delete are not available with patient/ scopes');
  }
  return { allowed: true, query, confined: true };
}

/** True when the token may see this resource (as a result, an _include or a batch response). */
export function mayRead(resource: FhirResource, access: AccessContext): boolean {
  const type = resource.resourceType;
  if (type === 'OperationOutcome' || type === 'Bundle') return true;
  for (const permission of ['r', 's'] as const) {
    if (grantingScopes(access.scopes, type, permission, ['user', 'system']).length > 0) return true;
  }
  const patient = access.patient;
  if (patient === undefined) return false;
  const patientScoped =
    grantingScopes(access.scopes, type, 'r', ['patient']).length > 0 ||
    grantingScopes(access.scopes, type, 's', ['patient']).length > 0;
  return patientScoped && inPatientCompartment(resource, patient);
}

/** Every resource in a response body, descending into Bundles (searchset, batch-response, history). */
export function returnedResources(body: FhirResource): FhirResource[] {
  if (body.resourceType !== 'Bundle') return [body];
  return (body.entry ?? []).flatMap((entry) =>
    entry.resource ? returnedResources(entry.resource as FhirResource) : [],
  );
}

/** `Type/id` of each returned resource the token may not see; empty when the response may go out. */
export function unreadable(body: FhirResource, access: AccessContext): string[] {
  return returnedResources(body)
    .filter((resource) => !mayRead(resource, access))
    .map((resource) => `${resource.resourceType}/${resource.id ?? '?'}`);
}

/** True when a resource an app writes under patient/ scopes stays in the launch patient's compartment. */
export function mayWrite(resource: FhirResource, access: AccessContext): boolean {
  return access.patient !== undefined && inPatientCompartment(resource, access.patient);
}
