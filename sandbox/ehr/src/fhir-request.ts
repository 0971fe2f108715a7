/** What a FHIR REST request asks for, derived from its method, path and query alone. */
export type FhirInteraction =
  | 'capabilities'
  | 'read'
  | 'vread'
  | 'history'
  | 'search'
  | 'page'
  | 'create'
  | 'update'
  | 'patch'
  | 'delete'
  | 'bundle'
  | 'unsupported';

export interface FhirRequest {
  interaction: FhirInteraction;
  resourceType?: string;
  id?: string;
  /** True for conditional update, patch and delete (criteria in the query). */
  conditional: boolean;
  /** Why an `unsupported` request is refused. */
  reason?: string;
}

const TYPE = /^[A-Z][A-Za-z]+$/;
const ID = /^[A-Za-z0-9\-.]{1,64}$/;

function unsupported(reason: string): FhirRequest {
  return { interaction: 'unsupported', conditional: false, reason };
}

/**
 * Classifies a request relative to the FHIR base from its parsed path (`parseRequestUrl`), e.g.
 * `['Observation', '123', '_history', '2']`. Operations (`$…`), compartment searches, POST `_search`
 * and system-wide history are refused: the proxy cannot confine them to what the token permits.
 */
export function classifyRequest(
  method: string,
  segments: readonly string[],
  query: URLSearchParams,
): FhirRequest {
  const [type, id, third, fourth] = segments;
  const verb = method.toUpperCase();
  if (segments.some((segment) => segment.startsWith('$'))) {
    return unsupported('FHIR operations are not available through the EHR sandbox proxy');
  }
  if (type === undefined) {
    if (verb === 'GET' && query.has('_getpages'))
      return { interaction: 'page', conditional: false };
    if (verb === 'POST') return { interaction: 'bundle', conditional: false };
    return unsupported(`${verb} on the FHIR base is not supported`);
  }
  if (type === 'metadata' && segments.length === 1 && verb === 'GET') {
    return { interaction: 'capabilities', conditional: false };
  }
  if (!TYPE.test(type)) return unsupported(`"${type}" is not a FHIR resource type`);
  if (id === undefined) {
    const conditional = query.size > 0;
    if (verb === 'GET') return { interaction: 'search', resourceType: type, conditional: false };
    if (verb === 'POST') return { interaction: 'create', resourceType: type, conditional: false };
    if (conditional && verb === 'PUT')
      return { interaction: 'update', resourceType: type, conditional };
    if (conditional && verb === 'PATCH')
      return { interaction: 'patch', resourceType: type, conditional };
    if (conditional && verb === 'DELETE')
      return { interaction: 'delete', resourceType: type, conditional };
    return unsupported(`${verb} ${type} is not supported`);
  }
  if (id === '_search') return unsupported('POST _search is not supported: use GET search');
  if (id === '_history') return unsupported('type-level history is not supported');
  if (!ID.test(id)) return unsupported(`"${id}" is not a valid FHIR id`);
  if (third === undefined) {
    const base = { resourceType: type, id, conditional: false };
    if (verb === 'GET') return { interaction: 'read', ...base };
    if (verb === 'PUT') return { interaction: 'update', ...base };
    if (verb === 'PATCH') return { interaction: 'patch', ...base };
    if (verb === 'DELETE') return { interaction: 'delete', ...base };
    return unsupported(`${verb} ${type}/${id} is not supported`);
  }
  if (third === '_history' && verb === 'GET' && segments.length <= 4) {
    return fourth === undefined
      ? { interaction: 'history', resourceType: type, id, conditional: false }
      : { interaction: 'vread', resourceType: type, id, conditional: false };
  }
  return unsupported('compartment searches and nested paths are not supported');
}
