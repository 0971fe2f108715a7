import type { Bundle } from 'fhir/r4';
import { FhirGatewayError, type FhirGateway } from '../fhir/gateway';
import { backoffDelay, sendUnits } from './send';
import type { WriteUnit } from './units';

// SEND: which failures are retried, how long it waits, and when it gives up.
const unit: WriteUnit = {
  kind: 'goal',
  recordId: 'g1',
  caseId: 'c1',
  seqs: [1],
  hash: 'h',
  entries: [
    {
      resource: { resourceType: 'Basic', code: { text: 'x' } } as never,
      request: { method: 'POST', url: 'Basic' },
    },
  ],
};
const ok: Bundle = { resourceType: 'Bundle', type: 'transaction-response', entry: [] };

/** A gateway whose transactions fail with the given statuses (undefined: no answer), then succeed. */
function failing(...statuses: (number | undefined)[]): FhirGateway & { calls: number } {
  const queue = [...statuses];
  const gateway = {
    calls: 0,
    transaction(): Promise<Bundle> {
      gateway.calls += 1;
      if (queue.length === 0) return Promise.resolve(ok);
      const status = queue.shift();
      return Promise.reject(new FhirGatewayError(status, `HTTP ${status ?? 'no answer'}`));
    },
  };
  return gateway as unknown as FhirGateway & { calls: number };
}

function run(gateway: FhirGateway, maxRetries?: number) {
  const waits: number[] = [];
  const report = { requests: 0 };
  const sent = sendUnits(
    gateway,
    [unit],
    { maxRetries, backoffMs: 100, sleep: (ms) => Promise.resolve(void waits.push(ms)) },
    report,
  );
  return { sent, waits, report };
}

describe('send', () => {
  it('retries no answer, 429 and 5xx, doubling the wait each time', async () => {
    const gateway = failing(undefined, 429, 500, 503);
    const { sent, waits, report } = run(gateway);
    await expect(sent).resolves.toMatchObject({ type: 'transaction-response' });
    expect(waits).toEqual([100, 200, 400, 800]);
    expect(report.requests).toBe(5);
  });

  it('does not retry a refusal or a conflict', async () => {
    for (const status of [400, 409, 412, 422]) {
      const gateway = failing(status);
      const { sent, waits } = run(gateway);
      await expect(sent).rejects.toMatchObject({ status });
      expect(waits).toEqual([]);
      expect(gateway.calls).toBe(1);
    }
  });

  it('gives up after maxRetries with the retryable error, for the run to stall', async () => {
    const gateway = failing(503, 503, 503, 503);
    const { sent, waits } = run(gateway, 2);
    await expect(sent).rejects.toMatchObject({ status: 503, retryable: true });
    expect(waits).toEqual([100, 200]);
    expect(gateway.calls).toBe(3);
  });

  it('caps the wait', () => {
    expect(backoffDelay(0)).toBe(500);
    expect(backoffDelay(3)).toBe(4000);
    expect(backoffDelay(12)).toBe(30_000);
    expect(backoffDelay(4, { backoffMs: 1000, maxBackoffMs: 5000 })).toBe(5000);
  });
});
