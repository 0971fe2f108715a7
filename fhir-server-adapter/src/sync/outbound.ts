import type { Bundle, FhirResource, Task } from 'fhir/r4';
import { ProfileInputError } from '@linkwell/profiles';
import type { FhirGateway } from '../fhir/gateway';
import { FhirGatewayError, outcomeText } from '../fhir/gateway';
import type { Logger } from '../log';
import type { CaseStore } from '../store/case-store';
import type { CaseRecord, FhirLink, OutboxChange } from '../store/records';
import type { SyncStore } from '../store/sync-store';
import { sendOneByOne } from './per-resource';
import { UnitBuilder, taskHash, type WriteUnit } from './units';

export interface OutboundOptions {
  /** Changes per transaction Bundle. */
  readonly batchSize: number;
  /** `transaction` (default) or one REST request per resource (the benchmark's baseline). */
  readonly strategy?: 'transaction' | 'per-resource';
  /** Attempts per batch on network errors, 429 and 5xx before the run gives up for now. */
  readonly maxRetries?: number;
  readonly backoffMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface SyncReport {
  /** Resources written (Provenance included). */
  written: number;
  /** FHIR requests made (transactions count once). */
  requests: number;
  changesDone: number;
  held: number;
  /** True when the server stayed unreachable: pending changes remain for the next run. */
  stalled: boolean;
}

/** `Goal/12/_history/3` (relative or absolute) as [type, id, version]. */
export function locationParts(location: string | undefined): [string?, string?, string?] {
  const match = /([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/([^/]+))?\/?$/.exec(
    location ?? '',
  );
  return match === null ? [] : [match[1], match[2], match[3]];
}

const TERMINAL_ELSEWHERE = new Set(['cancelled', 'entered-in-error', 'completed', 'failed']);
const sleeper = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Outbound sync: drains the outbox into FHIR transactions, idempotently, never losing a change. */
export class OutboundSync {
  private running: Promise<SyncReport> | undefined;

  constructor(
    private readonly cases: CaseStore,
    private readonly sync: SyncStore,
    private readonly gateway: FhirGateway,
    private readonly log: Logger,
    private readonly options: OutboundOptions,
  ) {}

  /** Runs until the outbox is empty (or the server is unreachable); concurrent calls share a run. */
  run(): Promise<SyncReport> {
    this.running ??= this.drain().finally(() => (this.running = undefined));
    return this.running;
  }

  private async drain(): Promise<SyncReport> {
    const report: SyncReport = { written: 0, requests: 0, changesDone: 0, held: 0, stalled: false };
    for (;;) {
      const changes = await this.sync.pending(this.options.batchSize);
      if (changes.length === 0) return report;
      const ok = await this.syncBatch(changes, report);
      if (!ok) return { ...report, stalled: true };
    }
  }

  /** Groups a batch's changes by record (latest state wins) and sends them; false when stalled. */
  private async syncBatch(changes: OutboxChange[], report: SyncReport): Promise<boolean> {
    const builder = new UnitBuilder(this.cases, this.sync);
    for (let conflicts = 0; ; conflicts += 1) {
      const units = await this.buildUnits(changes, builder, report);
      const toSend = units.filter((u) => u.entries.length > 0);
      await this.sync.markDone(units.filter((u) => u.entries.length === 0).flatMap((u) => u.seqs));
      report.changesDone += units
        .filter((u) => u.entries.length === 0)
        .reduce((n, u) => n + u.seqs.length, 0);
      if (toSend.length === 0) return true;
      try {
        const response = await this.sendWithRetry(toSend, report);
        await this.recordSuccess(toSend, response, report);
        return true;
      } catch (error) {
        if (!(error instanceof FhirGatewayError)) throw error;
        if (error.retryable) {
          await this.sync.countAttempt(
            toSend.flatMap((u) => u.seqs),
            error.message,
          );
          this.log.warn('sync.stalled', { status: error.status, changes: changes.length });
          return false;
        }
        if (error.conflict && conflicts < 3) {
          await this.reread(toSend, builder);
          continue;
        }
        const records = [...new Set(changes.map((c) => `${c.kind}/${c.recordId}`))];
        if (records.length > 1) {
          // One record spoiled the transaction: send each alone to find it and hold only it.
          for (const record of records) {
            const alone = changes.filter((c) => `${c.kind}/${c.recordId}` === record);
            if (!(await this.syncBatch(alone, report))) return false;
          }
          return true;
        }
        const message = outcomeText(error.outcome) ?? error.message;
        await this.sync.hold(
          changes.map((c) => c.seq),
          message,
        );
        report.held += changes.length;
        this.log.warn('sync.held', {
          kind: toSend[0]?.kind,
          record: toSend[0]?.recordId,
          status: error.status,
        });
        return true;
      }
    }
  }

  private async buildUnits(
    changes: OutboxChange[],
    builder: UnitBuilder,
    report: SyncReport,
  ): Promise<WriteUnit[]> {
    const byRecord = new Map<string, { change: OutboxChange; seqs: number[] }>();
    for (const change of changes) {
      const key = `${change.kind}/${change.recordId}`;
      const group = byRecord.get(key);
      if (group === undefined) byRecord.set(key, { change, seqs: [change.seq] });
      else group.seqs.push(change.seq);
    }
    const owners = new Map<string, CaseRecord>();
    const units: WriteUnit[] = [];
    const taskChanges = new Map<string, { change: OutboxChange; seqs: number[] }>();
    for (const { change, seqs } of byRecord.values()) {
      const owner = owners.get(change.caseId) ?? (await this.cases.getCase(change.caseId));
      if (owner === undefined) continue;
      owners.set(owner.id, owner);
      if (change.kind === 'task') {
        taskChanges.set(owner.id, { change, seqs });
        continue;
      }
      let unit: WriteUnit | undefined;
      try {
        unit = await builder.recordUnit(change, owner, seqs);
      } catch (error) {
        if (!(error instanceof ProfileInputError)) throw error;
        await this.sync.hold(seqs, error.message);
        report.held += seqs.length;
        continue;
      }
      if (unit === undefined) {
        await this.sync.markDone(seqs);
        report.changesDone += seqs.length;
      } else units.push(unit);
    }
    // The Task goes last so its outputs can point at resources created in the same Bundle.
    const newOutputs = new Map<string, ReturnType<typeof UnitBuilder.outputsOf>>();
    for (const unit of units) {
      const outputs = UnitBuilder.outputsOf(unit);
      if (outputs.length > 0)
        newOutputs.set(unit.caseId, [...(newOutputs.get(unit.caseId) ?? []), ...outputs]);
    }
    for (const caseId of new Set([...taskChanges.keys(), ...newOutputs.keys()])) {
      const owner = owners.get(caseId);
      if (owner === undefined) continue;
      const task = taskChanges.get(caseId);
      const first = units.find((u) => u.caseId === caseId);
      const change = task?.change ?? {
        seq: 0,
        caseId,
        kind: 'task' as const,
        recordId: caseId,
        linkWorker: first ? (changes.find((c) => c.seq === first.seqs[0])?.linkWorker ?? '') : '',
        attempts: 0,
      };
      if (TERMINAL_ELSEWHERE.has(owner.task.status) && owner.task.status !== owner.status) {
        await this.sync.hold(
          task?.seqs ?? [],
          `The referral's Task is ${owner.task.status} in the EHR; it was not changed. Review the case.`,
        );
        continue;
      }
      const unit = await builder.taskUnit(
        owner,
        change,
        task?.seqs ?? [],
        newOutputs.get(caseId) ?? [],
      );
      if (unit !== undefined) units.push(unit);
    }
    return units;
  }

  private async sendWithRetry(units: WriteUnit[], report: SyncReport): Promise<Bundle> {
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: units.flatMap((u) => u.entries),
    };
    const maxRetries = this.options.maxRetries ?? 5;
    for (let attempt = 0; ; attempt += 1) {
      try {
        if (this.options.strategy === 'per-resource')
          return await sendOneByOne(this.gateway, bundle, report);
        report.requests += 1;
        return await this.gateway.transaction(bundle);
      } catch (error) {
        if (!(error instanceof FhirGatewayError) || !error.retryable || attempt >= maxRetries)
          throw error;
        const delay = (this.options.backoffMs ?? 500) * 2 ** attempt;
        await (this.options.sleep ?? sleeper)(Math.min(delay, 30_000));
      }
    }
  }

  /** Stores the ids and versions the server gave, so later changes If-Match them. */
  private async recordSuccess(
    units: WriteUnit[],
    response: Bundle,
    report: SyncReport,
  ): Promise<void> {
    // Where the server put what we sent as urn:uuid, so the Task snapshot holds real references.
    const placed = new Map<string, string>();
    units
      .flatMap((u) => u.entries)
      .forEach((entry, i) => {
        const [type, id] = locationParts(response.entry?.[i]?.response?.location);
        if (
          entry.fullUrl?.startsWith('urn:uuid:') === true &&
          type !== undefined &&
          id !== undefined
        ) {
          placed.set(entry.fullUrl, `${type}/${id}`);
        }
      });
    let index = 0;
    for (const unit of units) {
      const links: FhirLink[] = [];
      let hash = unit.hash;
      for (const entry of unit.entries) {
        const answer = response.entry?.[index];
        index += 1;
        report.written += 1;
        const [type, id, version] = locationParts(answer?.response?.location);
        if (type === undefined || id === undefined || type === 'Provenance') continue;
        if (type === 'Task' && unit.task !== undefined) {
          let json = JSON.stringify(unit.task);
          for (const [from, to] of placed) json = json.split(from).join(to);
          const sent = JSON.parse(json) as Task;
          hash = taskHash(sent);
          await this.sync.saveTask(unit.caseId, {
            ...sent,
            meta: { ...sent.meta, versionId: version ?? sent.meta?.versionId },
          });
        }
        if (entry.request?.method === 'POST' || entry.request?.method === 'PUT') {
          links.push({
            kind: unit.kind,
            recordId: unit.recordId,
            resourceType: type,
            fhirId: id,
            versionId: version,
            contentHash: hash,
          });
        }
      }
      await this.sync.saveLinks(links);
      await this.sync.markDone(unit.seqs);
      report.changesDone += unit.seqs.length;
    }
  }

  /** After a 409/412: re-read what we tried to update, so the retry merges onto the newest copy. */
  private async reread(units: WriteUnit[], builder: UnitBuilder): Promise<void> {
    for (const unit of units) {
      for (const entry of unit.entries) {
        const url = entry.request?.url ?? '';
        if (entry.request?.method !== 'PUT' || url.startsWith('Provenance/')) continue;
        const [type = '', id = ''] = url.split('/');
        const server = await this.gateway.read<FhirResource>(
          type as FhirResource['resourceType'],
          id,
        );
        builder.serverCopies.set(url, server);
        if (type === 'Task') await this.sync.saveTask(unit.caseId, server as Task);
        else
          await this.sync.saveLinks([
            {
              kind: unit.kind,
              recordId: unit.recordId,
              resourceType: type,
              fhirId: id,
              versionId: server.meta?.versionId,
              contentHash: 'stale',
            },
          ]);
      }
    }
    this.log.info('sync.conflict-reread', { units: units.length });
  }
}
