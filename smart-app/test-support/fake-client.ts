import type { Bundle, OperationOutcome } from 'fhir/r4';
import type { SmartClient } from '../src/smart/smart-client';

export interface RecordedRequest {
  readonly url: string;
  readonly method: string;
  /** The request body, parsed (a Bundle for batches and transactions, else the resource). */
  readonly body?: Bundle;
  readonly headers: Readonly<Record<string, string>>;
}

export interface FakeClientOptions {
  /** Answers each request: return a body, or throw (see httpError). */
  readonly respond: (request: RecordedRequest) => unknown;
  readonly patientId?: string | null;
  readonly fhirUser?: string | null;
  readonly needPatientBanner?: boolean;
}

/** A stand-in for fhirclient's Client: records every request and answers from `respond`. */
export function fakeClient(options: FakeClientOptions): {
  client: SmartClient;
  requests: RecordedRequest[];
} {
  const requests: RecordedRequest[] = [];
  const request = async (
    input:
      | string
      | URL
      | { url: string | URL; method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<unknown> => {
    const url =
      typeof input === 'string' || input instanceof URL ? String(input) : String(input.url);
    const method = typeof input === 'object' && 'method' in input ? (input.method ?? 'GET') : 'GET';
    const raw = typeof input === 'object' && 'body' in input ? input.body : undefined;
    const headers = typeof input === 'object' && 'headers' in input ? (input.headers ?? {}) : {};
    const recorded: RecordedRequest = {
      url,
      method,
      headers,
      ...(typeof raw === 'string' ? { body: JSON.parse(raw) as Bundle } : {}),
    };
    requests.push(recorded);
    await Promise.resolve();
    return options.respond(recorded);
  };
  const client = {
    request: request as SmartClient['request'],
    getPatientId: () => (options.patientId === undefined ? 'pat-1' : options.patientId),
    getFhirUser: () => (options.fhirUser === undefined ? 'Practitioner/gp-1' : options.fhirUser),
    state: {
      serverUrl: 'https://ehr.test/fhir',
      tokenResponse: { need_patient_banner: options.needPatientBanner ?? true },
    },
  } satisfies SmartClient;
  return { client, requests };
}

/** An error shaped like fhirclient's HttpError after parse(): status, and the body in the message. */
export function httpError(status: number, outcome?: OperationOutcome): Error & { status: number } {
  const body = outcome === undefined ? '' : `\n\n${JSON.stringify(outcome, null, 4)}`;
  return Object.assign(new Error(`${status} Error\nURL: https://ehr.test/fhir${body}`), {
    name: 'HttpError',
    status,
    statusCode: status,
  });
}

export function outcome(diagnostics: string, expression?: string): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: 'error',
        code: 'processing',
        diagnostics,
        ...(expression === undefined ? {} : { expression: [expression] }),
      },
    ],
  };
}
