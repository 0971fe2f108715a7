import type { Bundle, FhirResource, OperationOutcome } from 'fhir/r4';
import { OperationOutcomeError } from '@linkwell/profiles';

/** Search parameters; a list repeats the parameter (`_include`, for example). */
export type SearchParams = Readonly<Record<string, string | readonly string[]>>;

/** What the sync engine needs from a FHIR server; `kit-gateway.ts` implements it over HTTP. */
export interface FhirGateway {
  /** POSTs a transaction (or batch) Bundle to the base. */
  transaction(bundle: Bundle): Promise<Bundle>;
  read<T extends FhirResource>(resourceType: T['resourceType'], id: string): Promise<T>;
  /** A search's first page; follow `next` with `nextPage`. A list repeats the parameter. */
  search(resourceType: string, params: SearchParams): Promise<Bundle>;
  nextPage(bundle: Bundle): Promise<Bundle | undefined>;
  /** One REST interaction (used for one-request-per-resource writes and for PUTs with an id). */
  request(
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    body?: FhirResource,
    headers?: Record<string, string>,
  ): Promise<{ resource: FhirResource | undefined; location?: string; etag?: string }>;
}

/**
 * A FHIR server answer other than success, or no answer at all (status undefined): the one
 * OperationOutcome error type, with what sync needs to decide between waiting, merging and holding.
 */
export class FhirGatewayError extends OperationOutcomeError {
  constructor(status: number | undefined, message: string, outcome?: OperationOutcome) {
    super(status, message, outcome);
    this.name = 'FhirGatewayError';
  }

  /** Worth trying again later: no answer, rate limited, or a server-side failure. */
  get retryable(): boolean {
    return this.status === undefined || this.status === 429 || this.status >= 500;
  }

  /** The resource changed on the server since we read it. */
  get conflict(): boolean {
    return this.status === 409 || this.status === 412;
  }
}
