import { randomUUID } from 'node:crypto';
import type { FhirResource } from 'fhir/r4';
import type { FhirGateway } from '../fhir/gateway';
import { FhirGatewayError } from '../fhir/gateway';
import type { Logger } from '../log';
import type { CaseStore } from '../store/case-store';
import type { CarePlanStore } from '../care-plan/care-plan-store';
import type { RiskStore } from '../risk/risk-store';
import type { ConsentLookup, SyncStore } from '../store/sync-store';
import { decideAfterFailure } from './decision';
import { OutboxClaims } from '../store/outbox-claims';
import { adoptCreated } from './adopt-created';
import { groupByRecord, planBatch, type Hold, type PlanOptions } from './plan';
import { loadSnapshots, type PlanSources } from './plan-input';
import { DirectoryNames } from './plan-names';
import { narrowDown, recordSuccess, rereadConflicts, type Outcome } from './reconcile';
import { sendUnits, type SendOptions } from './send';
import type { RecordChanges } from './units';

export { locationParts } from './reconcile';

export interface OutboundOptions extends SendOptions {
  /** Changes per transaction Bundle. */
  readonly batchSize: number;
  /** What the patient agreed to per case; the sync store's copy when absent. */
  readonly consents?: ConsentLookup;
  /** Practitioner and service names (cached reads from the EHR); made from the gateway if absent. */
  readonly directory?: DirectoryNames;
  /** Risks per case (those marked for the GP go back as Flags). */
  readonly risks?: RiskStore;
  /** Care plans per case (sent once shared). */
  readonly carePlans?: CarePlanStore;
  /**
   * Who claims outbox rows (one per adapter process sharing the store); a private holder with a
   * two-minute claim when absent.
   */
  readonly claims?: OutboxClaims;
  /**
   * Batches in flight at once (1 when absent), each lane claiming its own cases: while the server
   * works on one lane's transaction, another lane plans and sends the next, so a backlog drains
   * on more than one of the server's threads.
   */
  readonly lanes?: number;
}

export interface SyncReport {
  /** Resources written (Provenance included). */
  written: number;
  /** FHIR requests made (transactions count once). */
  requests: number;
  changesDone: number;
  /** Changes held for the link worker (unmappable, refused, or without write-back consent). */
  held: number;
  /** True when the server stayed unreachable: pending changes remain for the next run. */
  stalled: boolean;
}

export const emptyReport = (): SyncReport => ({
  written: 0,
  requests: 0,
  changesDone: 0,
  held: 0,
  stalled: false,
});

/**
 * Side-by-side runs' reports added up (stalled if any stalled), once every run has ended; the first
 * failure, if any, is thrown instead.
 */
export function settledReports(results: readonly PromiseSettledResult<SyncReport>[]): SyncReport {
  const failed = results.find((r) => r.status === 'rejected');
  if (failed !== undefined) {
    throw failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
  }
  return sumReports(results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])));
}

/** Runs' reports added up; stalled if any of them stalled. */
function sumReports(reports: readonly SyncReport[]): SyncReport {
  const total = emptyReport();
  for (const report of reports) {
    total.written += report.written;
    total.requests += report.requests;
    total.changesDone += report.changesDone;
    total.held += report.held;
    total.stalled ||= report.stalled;
  }
  return total;
}

const noop = (): void => undefined;

/**
 * A run asked for while `current` was under way: `current`'s report (it may have written some of
 * the caller's changes) and that of the run after it, summed; a failure of `current` is left to
 * the run after it to meet again.
 */
export async function afterCurrent(
  current: Promise<SyncReport>,
  next: () => Promise<SyncReport>,
): Promise<SyncReport> {
  const earlier = await current.catch(emptyReport);
  return sumReports([earlier, await next()]);
}

const stalls = (error: unknown): boolean => error instanceof FhirGatewayError && error.retryable;

/**
 * Outbound sync: drains the outbox into FHIR transactions, idempotently, never losing a change.
 * PLAN (plan.ts) holds what cannot be mapped, SEND (send.ts) retries while the server is away,
 * RECONCILE (reconcile.ts) merges conflicts; a refusal is narrowed down to the one record.
 */
export class OutboundSync {
  private running: Promise<SyncReport> | undefined;
  /** The run that follows the one under way, shared by the calls made during it. */
  private next: Promise<SyncReport> | undefined;
  private readonly sources: PlanSources;
  private readonly lanes: readonly OutboxClaims[];

  constructor(
    cases: CaseStore,
    private readonly sync: SyncStore,
    private readonly gateway: FhirGateway,
    private readonly log: Logger,
    private readonly options: OutboundOptions,
  ) {
    this.sources = {
      cases,
      sync,
      gateway,
      consents: options.consents ?? sync,
      directory: options.directory ?? new DirectoryNames(gateway),
      ...(options.risks === undefined ? {} : { risks: options.risks }),
      ...(options.carePlans === undefined ? {} : { carePlans: options.carePlans }),
    };
    const claims = options.claims ?? new OutboxClaims(sync.db, `outbound-${randomUUID()}`, 120);
    this.lanes = Array.from({ length: Math.max(1, options.lanes ?? 1) }, (_, i) =>
      i === 0 ? claims : claims.lane(i),
    );
  }

  /**
   * Runs until the outbox is empty (or the server is unreachable), resolving once a run that began
   * after the call has ended. A run already under way may have claimed before the caller's changes
   * were queued, so calls made meanwhile share one more run after it.
   */
  run(): Promise<SyncReport> {
    if (this.running === undefined) {
      this.running = this.drain().finally(() => (this.running = undefined));
      return this.running;
    }
    this.next ??= this.running.then(noop, noop).then(() => {
      this.next = undefined;
      return this.run();
    });
    const next = this.next;
    return afterCurrent(this.running, () => next);
  }

  private async drain(): Promise<SyncReport> {
    const results = await Promise.allSettled(
      this.lanes.map((lane) =>
        // A lane lets go of its cases when it is done, so another process (or lane) may take
        // their next rows at once; a crash leaves them to lapse instead.
        this.drainClaimed(lane).finally(() => lane.release().catch(() => undefined)),
      ),
    );
    // Every lane finished its run first; then a storage error (say) surfaces.
    const report = settledReports(results);
    // Counts only; replicas sharing a store show here how they split the work.
    if (report.changesDone + report.held > 0) this.log.info('sync.drained', { ...report });
    return report;
  }

  /** One lane: batches of its own claimed cases until none is left or the server is away. */
  private async drainClaimed(claims: OutboxClaims): Promise<SyncReport> {
    const report = emptyReport();
    let previous = '';
    for (;;) {
      const changes = await claims.claim(this.options.batchSize);
      if (changes.length === 0) return report;
      // Every row of a batch ends done, held or counted as stalled; never spin on the same rows.
      const seqs = changes.map((c) => c.seq).join(',');
      if (seqs === previous)
        throw new Error('outbound sync made no progress on its oldest changes');
      previous = seqs;
      const deferred = await claims.deferrableTasks(changes);
      const batch = changes.filter((c) => !deferred.superseded.has(c.seq));
      report.changesDone += changes.length - batch.length;
      const planOptions = { deferTasks: deferred.cases };
      if ((await this.syncGroups(groupByRecord(batch), report, planOptions)) === 'stalled') {
        return { ...report, stalled: true };
      }
    }
  }

  /** Plans, sends and reconciles the records' changes. */
  private async syncGroups(
    groups: readonly RecordChanges[],
    report: SyncReport,
    planOptions: PlanOptions,
  ): Promise<Outcome> {
    const copies = new Map<string, FhirResource>();
    let pending = groups;
    let adopted = false;
    for (let round = 0; ; round += 1) {
      let snapshots;
      try {
        snapshots = await loadSnapshots(pending, this.sources);
      } catch (error) {
        if (!stalls(error)) throw error;
        return this.stalled(pending, error as FhirGatewayError);
      }
      const plan = planBatch(pending, snapshots, copies, planOptions);
      await this.hold(plan.holds, report);
      await this.sync.markDone(plan.done);
      report.changesDone += plan.done.length;
      if (plan.units.length === 0) return 'ok';
      // Only the records that made units are planned again after a conflict.
      pending = pending.filter((g) =>
        plan.units.some((u) => u.kind === g.kind && u.recordId === g.recordId),
      );
      if (!adopted && plan.units.some((u) => u.unlinkedOutputs === true)) {
        // Once per batch: link what a lost run wrote, then plan again as updates.
        adopted = true;
        let found: number;
        try {
          found = await adoptCreated(this.gateway, this.sync, plan.units);
        } catch (error) {
          if (!stalls(error)) throw error;
          return this.stalled(pending, error as FhirGatewayError);
        }
        if (found > 0) continue;
      }
      try {
        const response = await sendUnits(this.gateway, plan.units, this.options, report);
        await recordSuccess(this.sync, plan.units, response, report);
        return 'ok';
      } catch (error) {
        if (!(error instanceof FhirGatewayError)) throw error;
        const decision = decideAfterFailure(error, round);
        if (decision === 'wait') return this.stalled(pending, error);
        if (decision === 'merge') {
          let reread: number;
          try {
            reread = await rereadConflicts(this.gateway, this.sync, plan.units, copies);
            reread += await adoptCreated(this.gateway, this.sync, plan.units);
          } catch (readError) {
            if (!stalls(readError)) throw readError;
            return this.stalled(pending, readError as FhirGatewayError);
          }
          this.log.info('sync.conflict-reread', { units: plan.units.length, reread });
          if (reread > 0) continue;
        }
        return narrowDown(pending, error, planOptions, {
          retry: (part, options) => this.syncGroups(part, report, options),
          hold: (held) => this.hold([held], report),
        });
      }
    }
  }

  private async hold(holds: readonly Hold[], report: SyncReport): Promise<void> {
    for (const { change, message } of holds) {
      if (change.seqs.length === 0) continue;
      await this.sync.hold(change.seqs, message);
      report.held += change.seqs.length;
      // Kinds and ids only: the message may quote what the record says.
      this.log.warn('sync.held', { kind: change.kind, record: change.recordId });
    }
  }

  private async stalled(
    groups: readonly RecordChanges[],
    error: FhirGatewayError,
  ): Promise<Outcome> {
    await this.sync.countAttempt(
      groups.flatMap((g) => g.seqs),
      error.message,
    );
    this.log.warn('sync.stalled', { status: error.status, changes: groups.length });
    return 'stalled';
  }
}
