import type { FhirGatewayError } from '../fhir/gateway';

/**
 * What outbound sync does when a transaction fails:
 * - `wait`: the server is away (no answer, 429, 5xx): the changes stay pending for the next run;
 * - `merge`: the resource changed on the server (409/412): re-read it and plan again on top of it;
 * - `narrow`: the server refused what we sent: halve the records until the refused one is alone,
 *   then hold it for the link worker with the server's words.
 */
export type FailureDecision = 'wait' | 'merge' | 'narrow';

/** Re-read-and-merge rounds before a conflict that keeps coming back is treated as a refusal. */
export const MAX_CONFLICT_ROUNDS = 3;

export function decideAfterFailure(error: FhirGatewayError, round: number): FailureDecision {
  if (error.retryable) return 'wait';
  if (error.conflict && round < MAX_CONFLICT_ROUNDS) return 'merge';
  return 'narrow';
}
