import type { FhirResource } from 'fhir/r4';
import { inPatientCompartment, inPatientCompartmentTypes } from './compartment';
import type { FhirRequest } from './fhir-request';
import { wideReachProblem } from './search-reach';
import { confineSearch, withPrimaryElement } from './search-policy';
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

/** Query parameters a confined read, vread or history may carry (they shape, never select). */
const SHAPING_PARAMS = new Set(['_summary', '_elements', '_pretty', '_count', '_since', '_at']);

function wideSearchToo(request: FhirRequest, access: AccessContext): boolean {
  // Criteria (If-None-Exist, conditional update/patch/delete) are a search: they need search rights.
  const type = request.resourceType ?? '';
  return grantingScopes(access.scopes, type, 's', ['user', 'system']).length > 0;
}

/** Decides, before anything reaches HAPI, whether a classified request is within the token's scopes. */
export function decideRequest(
  request: FhirRequest,
  query: URLSearchParams,
  access: AccessContext,
): AccessDecision {
  const { interaction, resourceType } = request;
  if (interaction === 'unsupported') return refused(request.reason ?? 'not supported');
  if (interaction === 'capabilities' || interaction === 'page' || interaction === 'bundle') {
    // Pages are checked entry by entry on the way back; bundles entry by entry on the way in.
    return { allowed: true, query, confined: false };
  }
  const permission = PERMISSION[interaction];
  if (permission === undefined || resourceType === undefined) return refused('not supported');
  const wide = grantingScopes(access.scopes, resourceType, permission, ['user', 'system']);
  if (wide.length > 0) {
    if (request.conditional && !wideSearchToo(request, access)) {
      return refused(`conditional ${interaction} needs search rights on ${resourceType}`);
    }
    const reach = wideReachProblem(query, access.scopes);
    if (reach !== null) return refused(reach);
    return { allowed: true, query, confined: false };
  }
  const narrow = grantingScopes(access.scopes, resourceType, permission, ['patient']);
  if (narrow.length === 0) {
    return refused(`no granted scope permits "${permission}" on ${resourceType}`);
  }
  const patient = access.patient;
  if (patient === undefined) return refused('patient/ scopes need a patient in the launch context');
  if (!inPatientCompartmentTypes(resourceType)) {
    return refused(`${resourceType} is outside the Patient compartment`);
  }
  if (interaction === 'search') {
    const search = confineSearch(resourceType, query, patient);
    return search.allowed ? { allowed: true, query: search.query, confined: true } : search;
  }
  if (request.conditional && interaction !== 'create') {
    return refused('conditional update, patch and delete are not available with patient/ scopes');
  }
  if (interaction === 'create' && resourceType === 'Patient') {
    return refused('a Patient cannot be created with patient/ scopes');
  }
  const extra = [...query.keys()].filter(
    (key) => !(SHAPING_PARAMS.has(key) && ['read', 'vread', 'history'].includes(interaction)),
  );
  if (extra.length > 0)
    return refused(`${interaction} does not take the query parameter ${extra[0] ?? ''}`);
  return { allowed: true, query: withPrimaryElement(resourceType, query), confined: true };
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
