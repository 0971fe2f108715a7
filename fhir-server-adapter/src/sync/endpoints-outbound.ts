import type { Logger } from '../log';
import type { OutboundSync, SyncReport } from './outbound';

/**
 * The longest an unreachable endpoint waits between sync attempts: once it is back, its backlog
 * starts draining within a minute.
 */
const MAX_BACKOFF_MS = 60_000;

interface Backoff {
  failures: number;
  until: number;
}

const emptyReport = (): SyncReport => ({
  written: 0,
  requests: 0,
  changesDone: 0,
  held: 0,
  stalled: false,
});

/**
 * Outbound sync over every EHR endpoint: each endpoint's OutboundSync claims only its own cases'
 * rows and writes to its own server, and they run side by side, so an endpoint that is down (its
 * run retrying, then stalled) never holds back another's. A stalled endpoint waits before its next
 * scheduled run, doubling per failure up to a minute; the others keep draining meanwhile.
 */
export class EndpointsOutbound {
  private readonly backoff = new Map<string, Backoff>();
  /** Each endpoint's run in flight: ticks during a long (retrying) run join it, not count again. */
  private readonly inFlight = new Map<string, Promise<SyncReport>>();

  constructor(
    private readonly syncs: ReadonlyMap<string, OutboundSync>,
    private readonly backoffMs: number,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The endpoint's own sync (tests and tools drain one endpoint). */
  forEndpoint(endpoint: string): OutboundSync {
    const sync = this.syncs.get(endpoint);
    if (sync === undefined) throw new Error(`no EHR endpoint "${endpoint}" is configured`);
    return sync;
  }

  /** Runs every endpoint now (waits ignored); the reports summed, `stalled` if any stalled. */
  run(): Promise<SyncReport> {
    return this.runEndpoints([...this.syncs.keys()]);
  }

  /** A scheduled run: endpoints still waiting after a failure are left for a later tick. */
  tick(): Promise<SyncReport> {
    const at = this.now();
    return this.runEndpoints(
      [...this.syncs.keys()].filter((id) => (this.backoff.get(id)?.until ?? 0) <= at),
    );
  }

  /** Endpoints waiting after a failure, with when they are tried again (for logs and tests). */
  waiting(): Map<string, number> {
    const at = this.now();
    return new Map(
      [...this.backoff].filter(([, b]) => b.until > at).map(([id, b]) => [id, b.until]),
    );
  }

  private async runEndpoints(ids: readonly string[]): Promise<SyncReport> {
    const results = await Promise.allSettled(ids.map((id) => this.runOne(id)));
    const total = emptyReport();
    let failure: Error | undefined;
    for (const result of results) {
      if (result.status === 'rejected') {
        failure ??=
          result.reason instanceof Error ? result.reason : new Error(String(result.reason));
        continue;
      }
      total.written += result.value.written;
      total.requests += result.value.requests;
      total.changesDone += result.value.changesDone;
      total.held += result.value.held;
      total.stalled ||= result.value.stalled;
    }
    // Every endpoint finished its run first; then a storage error (say) surfaces.
    if (failure !== undefined) throw failure;
    return total;
  }

  private runOne(id: string): Promise<SyncReport> {
    const current = this.inFlight.get(id);
    if (current !== undefined) return current;
    const run = this.runAndWeigh(id).finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, run);
    return run;
  }

  /** One run of the endpoint; a stalled run is one failure, however many ticks waited on it. */
  private async runAndWeigh(id: string): Promise<SyncReport> {
    const report = await this.forEndpoint(id).run();
    if (!report.stalled) {
      this.backoff.delete(id);
      return report;
    }
    const failures = (this.backoff.get(id)?.failures ?? 0) + 1;
    const waitMs = Math.min(this.backoffMs * 2 ** (failures - 1), MAX_BACKOFF_MS);
    this.backoff.set(id, { failures, until: this.now() + waitMs });
    this.log.warn('sync.endpoint-waiting', { endpoint: id, failures, seconds: waitMs / 1000 });
    return report;
  }
}
