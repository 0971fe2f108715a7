import type { Bundle } from 'fhir/r4';
import type { FhirGateway } from '../fhir/gateway';
import { FhirGatewayError } from '../fhir/gateway';
import { mergeProvenances } from './batch-provenance';
import { sendOneByOne } from './per-resource';
import type { WriteUnit } from './units';

// SEND: write units as one transaction Bundle, retried with backoff while the server is away. The
// transaction carries one Provenance per link worker (see batch-provenance); one request per
// resource, the benchmark's baseline, keeps one per record.

export interface RetryPolicy {
  /** Retries after the first attempt on network errors, 429 and 5xx (default 5). */
  readonly maxRetries?: number;
  /** The first wait; each retry doubles it (default 500 ms), up to `maxBackoffMs` (30 s). */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface SendOptions extends RetryPolicy {
  /** `transaction` (default) or one REST request per resource (the benchmark's baseline). */
  readonly strategy?: 'transaction' | 'per-resource';
}

const sleeper = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The wait before retry `attempt` (0-based): exponential, capped. */
export function backoffDelay(attempt: number, policy: RetryPolicy = {}): number {
  return Math.min((policy.backoffMs ?? 500) * 2 ** attempt, policy.maxBackoffMs ?? 30_000);
}

export const transactionOf = (units: readonly WriteUnit[]): Bundle => ({
  resourceType: 'Bundle',
  type: 'transaction',
  entry: units.flatMap((u) => u.entries),
});

/**
 * Sends the units; resolves with the transaction-response laid out entry for entry as the units'
 * entries are (merged Provenances' copies marked, see `isMergedCopy`), or throws the last FhirGatewayError
 * (retryable when the server stayed away; a refusal or conflict at once, without retrying).
 */
export async function sendUnits(
  gateway: FhirGateway,
  units: readonly WriteUnit[],
  options: SendOptions,
  report: { requests: number },
): Promise<Bundle> {
  const merged =
    options.strategy === 'per-resource'
      ? undefined
      : mergeProvenances(transactionOf(units).entry ?? []);
  const maxRetries = options.maxRetries ?? 5;
  for (let attempt = 0; ; attempt += 1) {
    try {
      if (merged === undefined) return await sendOneByOne(gateway, transactionOf(units), report);
      report.requests += 1;
      return merged.unmerged(await gateway.transaction(merged.bundle));
    } catch (error) {
      if (!(error instanceof FhirGatewayError) || !error.retryable || attempt >= maxRetries)
        throw error;
      await (options.sleep ?? sleeper)(backoffDelay(attempt, options));
    }
  }
}
