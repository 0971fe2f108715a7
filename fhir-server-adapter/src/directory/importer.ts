import { randomUUID } from 'node:crypto';
import type { Bundle, BundleEntry } from 'fhir/r4';
import type { FhirGateway } from '../fhir/gateway';
import { outcomeText } from '@linkwell/profiles';
import { FhirGatewayError } from '../fhir/gateway';
import { contentHash } from '../sync/mappers';
import type { DirectoryStore, StoredService, WrittenResource } from './directory-store';
import type { DirectoryEntry } from './entry';
import { directoryId, entryResources, type DirectoryResource } from './fhir-mapping';
import { readFeed, type FeedPage } from './feed-reader';
import { checkRecord } from './oruk-record';

/** What one import did, as `GET /api/directory/import/:id` shows it while it runs and after. */
export interface ImportReport {
  readonly id: string;
  readonly feedName: string;
  state: 'running' | 'done' | 'failed';
  readonly startedAt: string;
  finishedAt?: string;
  pagesRead: number;
  totalPages?: number;
  seen: number;
  created: number;
  updated: number;
  unchanged: number;
  inactivated: number;
  refused: { id?: string; reasons: string[] }[];
  /** FHIR transactions sent, and the resources in them. */
  transactions: number;
  resourcesWritten: number;
  error?: string;
}

export interface ImportOptions {
  readonly feedUrl: string;
  readonly feedName: string;
  readonly perPage?: number;
  /** Resources per FHIR transaction. */
  readonly batchSize?: number;
  readonly onProgress?: (report: ImportReport) => void;
}

interface Pending {
  readonly entry: DirectoryEntry;
  readonly inFeed: boolean;
  readonly kind: 'created' | 'updated' | 'inactivated';
  readonly resources: { resource: DirectoryResource; key: string; hash: string }[];
}

const keyOf = (r: DirectoryResource): string => `${r.resourceType}/${r.id ?? ''}`;

/**
 * Reads an ORUK feed page by page, refuses bad records (with every reason) and writes only what
 * changed since the last import (content hashes in the store), then marks services gone from a
 * completely read feed inactive. A refused record never stops the import.
 */
export class DirectoryImporter {
  constructor(
    private readonly store: DirectoryStore,
    private readonly gateway: FhirGateway,
  ) {}

  newReport(feedName: string): ImportReport {
    return {
      id: randomUUID(),
      feedName,
      state: 'running',
      startedAt: new Date().toISOString(),
      pagesRead: 0,
      seen: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      inactivated: 0,
      refused: [],
      transactions: 0,
      resourcesWritten: 0,
    };
  }

  async run(
    options: ImportOptions,
    report = this.newReport(options.feedName),
  ): Promise<ImportReport> {
    const progress = (): void => options.onProgress?.(report);
    try {
      const hashes = await this.store.writtenHashes();
      const before = await this.store.services(options.feedName);
      const seen = new Set<string>();
      const written = new Set<string>();
      for await (const page of readFeed(options.feedUrl, options.perPage ?? 100)) {
        const pending = this.pagePending(
          page,
          options.feedName,
          before,
          hashes,
          seen,
          written,
          report,
        );
        await this.write(pending, options, hashes, report);
        report.pagesRead += 1;
        report.totalPages = page.totalPages;
        progress();
      }
      const gone = [...before.values()].filter((s) => s.inFeed && !seen.has(s.feedId));
      await this.write(
        gone.map((s) =>
          this.pendingFor(s.entry, options.feedName, false, 'inactivated', hashes, written),
        ),
        options,
        hashes,
        report,
      );
      report.state = 'done';
    } catch (error) {
      report.state = 'failed';
      report.error = error instanceof Error ? error.message : 'The import failed.';
    }
    report.finishedAt = new Date().toISOString();
    progress();
    return report;
  }

  private pagePending(
    page: FeedPage,
    feedName: string,
    before: ReadonlyMap<string, StoredService>,
    hashes: ReadonlyMap<string, string>,
    seen: Set<string>,
    written: Set<string>,
    report: ImportReport,
  ): Pending[] {
    const pending: Pending[] = [];
    for (const record of page.records) {
      report.seen += 1;
      const check = checkRecord(record);
      if (!check.ok) {
        report.refused.push({
          ...(check.id === undefined ? {} : { id: check.id }),
          reasons: [...check.reasons],
        });
        // A refused record still counts as listed: it is not inactivated for being malformed today.
        if (check.id !== undefined) seen.add(check.id);
        continue;
      }
      if (seen.has(check.entry.feedId)) {
        report.refused.push({
          id: check.entry.feedId,
          reasons: ['service.id: appears twice in the feed'],
        });
        continue;
      }
      seen.add(check.entry.feedId);
      const previous = before.get(check.entry.feedId);
      const one = this.pendingFor(
        check.entry,
        feedName,
        true,
        previous === undefined ? 'created' : 'updated',
        hashes,
        written,
      );
      if (one.resources.length === 0 && previous?.inFeed === true) report.unchanged += 1;
      else pending.push(one);
    }
    return pending;
  }

  private pendingFor(
    entry: DirectoryEntry,
    feedName: string,
    inFeed: boolean,
    kind: Pending['kind'],
    hashes: ReadonlyMap<string, string>,
    written: Set<string>,
  ): Pending {
    const resources = entryResources(entry, feedName, inFeed).flatMap((resource) => {
      const key = keyOf(resource);
      const hash = contentHash(resource);
      // An organisation shared by several services is written once per import.
      if (hashes.get(key) === hash || written.has(key)) return [];
      written.add(key);
      return [{ resource, key, hash }];
    });
    return { entry, inFeed, kind, resources };
  }

  private async write(
    pending: readonly Pending[],
    options: ImportOptions,
    hashes: Map<string, string>,
    report: ImportReport,
  ): Promise<void> {
    const size = options.batchSize ?? 150;
    let batch: Pending[] = [];
    let count = 0;
    for (const p of pending) {
      if (count + p.resources.length > size && batch.length > 0) {
        await this.send(batch, options.feedName, hashes, report);
        batch = [];
        count = 0;
      }
      batch.push(p);
      count += p.resources.length;
    }
    if (batch.length > 0) await this.send(batch, options.feedName, hashes, report);
  }

  /** One transaction; when the server refuses it, each service alone, so one bad record is named. */
  private async send(
    batch: readonly Pending[],
    feedName: string,
    hashes: Map<string, string>,
    report: ImportReport,
  ): Promise<void> {
    try {
      await this.transaction(batch, report);
    } catch (error) {
      if (!(error instanceof FhirGatewayError) || error.retryable || batch.length === 1) {
        if (batch.length === 1 && error instanceof FhirGatewayError && !error.retryable) {
          const only = batch[0] as Pending;
          report.refused.push({
            id: only.entry.feedId,
            reasons: [`FHIR server refused it: ${outcomeText(error.outcome) ?? error.message}`],
          });
          return;
        }
        throw error;
      }
      for (const one of batch) await this.send([one], feedName, hashes, report);
      return;
    }
    const written: WrittenResource[] = batch.flatMap((p) =>
      p.resources.map((r) => ({ key: r.key, hash: r.hash })),
    );
    await this.store.saveWritten(
      feedName,
      written,
      batch.map((p) => ({
        fhirId: directoryId(feedName, 's', p.entry.feedId),
        entry: p.entry,
        inFeed: p.inFeed,
      })),
    );
    for (const w of written) hashes.set(w.key, w.hash);
    for (const p of batch) report[p.kind] += 1;
  }

  private async transaction(batch: readonly Pending[], report: ImportReport): Promise<void> {
    const entry: BundleEntry[] = batch.flatMap((p) =>
      p.resources.map(({ resource, key }) => ({
        fullUrl: key,
        resource,
        request: { method: 'PUT' as const, url: key },
      })),
    );
    if (entry.length === 0) return;
    const bundle: Bundle = { resourceType: 'Bundle', type: 'transaction', entry };
    await this.gateway.transaction(bundle);
    report.transactions += 1;
    report.resourcesWritten += entry.length;
  }
}
