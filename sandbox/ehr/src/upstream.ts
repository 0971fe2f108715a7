import type { FhirResource } from 'fhir/r4';
import { badGateway } from './outcome';

export interface UpstreamResponse {
  status: number;
  headers: Headers;
  text: string;
  json?: FhirResource;
}

const PASSED_REQUEST_HEADERS = [
  'prefer',
  'if-match',
  'if-none-match',
  'if-none-exist',
  'if-modified-since',
];
const JSON_TYPE = 'application/fhir+json';

/** Sends one request to HAPI and reads its answer; a network failure becomes a 502 OperationOutcome. */
export async function callUpstream(
  url: string,
  method: string,
  headers: Record<string, string | string[] | undefined>,
  body?: string,
): Promise<UpstreamResponse> {
  const sent: Record<string, string> = { accept: JSON_TYPE };
  for (const name of PASSED_REQUEST_HEADERS) {
    const value = headers[name];
    if (typeof value === 'string') sent[name] = value;
  }
  if (body !== undefined) sent['content-type'] = String(headers['content-type'] ?? JSON_TYPE);
  let response: Response;
  try {
    response = await fetch(url, { method, headers: sent, body });
  } catch {
    throw badGateway('the FHIR server behind the EHR sandbox is not reachable');
  }
  const text = await response.text();
  let json: FhirResource | undefined;
  if (text !== '' && (response.headers.get('content-type') ?? '').includes('json')) {
    try {
      json = JSON.parse(text) as FhirResource;
    } catch {
      json = undefined;
    }
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Replaces every occurrence of one base URL with another (HAPI's base for the proxy's, and back). */
export function rebase(text: string, from: string, to: string): string {
  return text.split(from).join(to);
}
