import type { FhirResource, OperationOutcome, OperationOutcomeIssue } from 'fhir/r4';

// A tiny FHIR REST client on Node's global fetch, enough for the profile contract tests.

export interface FhirResponse {
  readonly status: number;
  readonly body: unknown;
}

export interface FhirClient {
  readonly put: (resource: FhirResource) => Promise<FhirResponse>;
  readonly post: (resource: FhirResource) => Promise<FhirResponse>;
  readonly validate: (resource: FhirResource) => Promise<FhirResponse>;
}

async function send(url: string, method: string, resource: FhirResource): Promise<FhirResponse> {
  const response = await fetch(url, {
    method,
    headers: { 'Content-Type': 'application/fhir+json', Accept: 'application/fhir+json' },
    body: JSON.stringify(resource),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

export function fhirClient(base: string): FhirClient {
  const root = base.replace(/\/$/, '');
  return {
    put: (resource) => {
      if (resource.id === undefined) throw new Error(`PUT needs an id: ${resource.resourceType}`);
      return send(`${root}/${resource.resourceType}/${resource.id}`, 'PUT', resource);
    },
    post: (resource) => send(`${root}/${resource.resourceType}`, 'POST', resource),
    validate: (resource) => send(`${root}/${resource.resourceType}/$validate`, 'POST', resource),
  };
}

export function operationOutcome(response: FhirResponse): OperationOutcome {
  const body = response.body as Partial<OperationOutcome> | undefined;
  if (body?.resourceType !== 'OperationOutcome') {
    throw new Error(
      `expected an OperationOutcome, got HTTP ${response.status}: ${JSON.stringify(body)}`,
    );
  }
  return body as OperationOutcome;
}

export function errorIssues(outcome: OperationOutcome): OperationOutcomeIssue[] {
  return outcome.issue.filter((i) => i.severity === 'error' || i.severity === 'fatal');
}

/** Whether the issue names the element in its expression, location or diagnostics text. */
export function namesElement(issue: OperationOutcomeIssue, element: string): boolean {
  return [...(issue.expression ?? []), ...(issue.location ?? []), issue.diagnostics ?? ''].some(
    (text) => text.includes(element),
  );
}

/** One line per issue, for failure messages. */
export function describeIssues(issues: readonly OperationOutcomeIssue[]): string {
  return issues
    .map((i) => `${i.severity} ${(i.expression ?? []).join(',')}: ${i.diagnostics ?? ''}`)
    .join('\n');
}
