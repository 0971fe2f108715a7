import type { Bundle, BundleEntry, FhirResource } from 'fhir/r4';
import type { FhirGateway } from '../fhir/gateway';

/**
 * Sends a transaction's entries as one REST request each (conditional create with If-None-Exist,
 * update with If-Match), resolving `urn:uuid:` references as it goes. Not atomic: it exists as the
 * benchmark's baseline, and answers like a transaction-response so the engine treats both alike.
 */
export async function sendOneByOne(
  gateway: FhirGateway,
  bundle: Bundle,
  report: { requests: number },
): Promise<Bundle> {
  const resolved = new Map<string, string>();
  const answers: BundleEntry[] = [];
  for (const entry of bundle.entry ?? []) {
    let json = JSON.stringify(entry.resource);
    for (const [from, to] of resolved) json = json.split(from).join(to);
    const resource = JSON.parse(json) as FhirResource;
    const request = entry.request;
    if (request === undefined) continue;
    const headers: Record<string, string> = {};
    if (request.ifNoneExist !== undefined) headers['if-none-exist'] = request.ifNoneExist;
    if (request.ifMatch !== undefined) headers['if-match'] = request.ifMatch;
    report.requests += 1;
    const answer = await gateway.request(
      request.method as 'POST' | 'PUT',
      request.url,
      resource,
      headers,
    );
    const location = answer.location ?? locationOf(answer.resource);
    if (entry.fullUrl?.startsWith('urn:uuid:') === true && location !== undefined) {
      const [type, id] = location.replace(/^.*?(?=[A-Z][A-Za-z]+\/[^/]+\/_history)/, '').split('/');
      resolved.set(entry.fullUrl, `${type ?? ''}/${id ?? ''}`);
    }
    answers.push({ response: { status: '200', ...(location === undefined ? {} : { location }) } });
  }
  return { resourceType: 'Bundle', type: 'transaction-response', entry: answers };
}

function locationOf(resource: FhirResource | undefined): string | undefined {
  if (resource?.id === undefined) return undefined;
  return `${resource.resourceType}/${resource.id}/_history/${resource.meta?.versionId ?? '1'}`;
}
