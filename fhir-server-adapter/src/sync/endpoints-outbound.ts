import type { Logger } from '../log';
import {
  afterCurrent,
  emptyReport,
  settledReports,
  type OutboundSync,
  type SyncReport,
} from './outbound';

/**
 * The longest an unreachable endpoint waits between sync attempts: once it is back, its backlog
 * starts draining within a minute.
 */
const MAX_BACKOFF_MS = 60_000;

interface Backoff {
  failures: number;
  until: number;
}

/**
 * Outbound sync over every EHR endpoint: each endpoint's OutboundSync claims only its own cases'
 * rows and writes to its own server, and they run side by side, so an endpoint that is down (its
 * run retrying, then stalled) never holds back another's. A stalled endpoint waits before its next
 * scheduled run, doubling per failure up to a minute; the others keep draining meanwhile. While it
 * waits, each tick asks it one cheap question (`reachable`, one probe at a time): once it answers,
 * the wait ends and its backlog starts draining on that tick, not up to a minute later.
 */
export class EndpointsOutbound {
  private readonly backoff = new Map<string, Backoff>();
  /** Each endpoint's run in flight: ticks during a long (retrying) run join it, not count again. */
  private readonly inFlight = new Map<string, Promise<SyncReport>>();
  /** Waiting endpoints being asked whether they are back. */
  private readonly probing = new Set<string>();

  constructor(
    private readonly syncs: ReadonlyMap<string, OutboundSync>,
    private readonly backoffMs: number,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
    /** Whether a waiting endpoint answers again (a cheap read); never asked when absent. */
    private readonly reachable?: (endpoint: string) => Promise<boolean>,
  ) {}

  /** The endpoint's own sync (tests and tools drain one endpoint). */
  forEndpoint(endpoint: string): OutboundSync {
    const sync = this.syncs.get(endpoint);
    if (sync === undefined) throw new Error(`no EHR endpoint "${endpoint}" is configured`);
    return sync;
  }

  /**
   * Runs every endpoint now (waits ignored), each through a run that begins after this call, so
   * every change queued before it has been tried; the reports summed, `stalled` if any stalled.
   */
  run(): Promise<SyncReport> {
    return this.runEndpoints([...this.syncs.keys()], () => true, true);
  }

  /**
   * A scheduled run: an endpoint still waiting after a failure runs only if it answers the probe
   * now; otherwise it is left for a later tick.
   */
  tick(): Promise<SyncReport> {
    const at = this.now();
    return this.runEndpoints(
      [...this.syncs.keys()],
      (id) => (this.backoff.get(id)?.until ?? 0) <= at || this.answersAgain(id),
    );
  }

  /** Endpoints waiting after a failure, with when they are tried again (for logs and tests). */
  waiting(): Map<string, number> {
    const at = this.now();
    return new Map(
      [...this.backoff].filter(([, b]) => b.until > at).map(([id, b]) => [id, b.until]),
    );
  }

  private async runEndpoints(
    ids: readonly string[],
    due: (id: string) => boolean | Promise<boolean>,
    fresh = false,
  ): Promise<SyncReport> {
    const results = await Promise.allSettled(
      ids.map(async (id) => ((await due(id)) ? this.runOne(id, fresh) : emptyReport())),
    );
    // Every endpoint finished its run first; then a storage error (say) surfaces.
    return settledReports(results);
  }

  /** Asks a waiting endpoint whether it is back (one probe at a time); if so, its wait ends. */
  private async answersAgain(id: string): Promise<boolean> {
    if (this.reachable === undefined || this.probing.has(id) || this.inFlight.has(id)) return false;
    this.probing.add(id);
    try {
      if (!(await this.reachable(id).catch(() => false))) return false;
    } finally {
      this.probing.delete(id);
    }
    if (!this.backoff.has(id)) return false;
    this.backoff.delete(id);
    this.log.info('sync.endpoint-back', { endpoint: id });
    return true;
  }

  /**
   * The endpoint's run in flight, else a new one. A fresh run must not end with one that claimed
   * before it was asked for: it waits for that one, then runs (or joins a run begun since), and
   * answers with both reports summed.
   */
  private runOne(id: string, fresh = false): Promise<SyncReport> {
    const current = this.inFlight.get(id);
    if (current !== undefined) {
      if (!fresh) return current;
      return afterCurrent(current, () => this.runOne(id));
    }
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
