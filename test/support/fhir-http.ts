import type { FhirResource, OperationOutcome } from 'fhir/r4';

export interface FhirResponse<T = FhirResource> {
  status: number;
  headers: Headers;
  body: T;
}

/** The FHIR base of the HAPI server started by the integration project's globalSetup. */
export function testFhirBase(): string {
  const base = process.env.LINKWELL_TEST_FHIR_BASE;
  if (base === undefined || base === '') {
    throw new Error('LINKWELL_TEST_FHIR_BASE is not set: run integration tests through jest.');
  }
  return base;
}

/** A thin FHIR JSON request against the test server; never throws on HTTP status. */
export async function fhirRequest<T = FhirResource>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<FhirResponse<T>> {
  const url = path.startsWith('http') ? path : `${testFhirBase()}/${path.replace(/^\//, '')}`;
  const response = await fetch(url, {
    method,
    headers: {
      accept: 'application/fhir+json',
      ...(body === undefined ? {} : { 'content-type': 'application/fhir+json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text === '' ? undefined : JSON.parse(text)) as T,
  };
}

/** A FHIR JSON request to a given server (tests with servers of their own); throws unless 2xx. */
export async function fhirAt<T>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${base}/${path}`, {
    method,
    headers: { 'content-type': 'application/fhir+json', accept: 'application/fhir+json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** All issue texts of an OperationOutcome, for readable assertions. */
export function outcomeMessages(outcome: OperationOutcome): string[] {
  return outcome.issue.map((issue) =>
    [issue.severity, issue.diagnostics, ...(issue.expression ?? []), ...(issue.location ?? [])]
      .filter(Boolean)
      .join(' '),
  );
}

/** A unique suffix so tests sharing one server never see each other's data. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
