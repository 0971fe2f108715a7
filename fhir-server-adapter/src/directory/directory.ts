import { join } from 'node:path';
import type { Database } from '../db/database';
import type { FhirGateway } from '../fhir/gateway';
import type { Logger } from '../log';
import { CapacityStore } from './capacity';
import type { DirectoryConfig } from './directory-config';
import { DirectoryStore } from './directory-store';
import { DirectoryImporter, type ImportReport } from './importer';
import { loadNeedTerms, loadPostcodes, type Point } from './lookups';
import { OnwardProgressStore } from './onward-progress';
import { DirectorySearch } from './search';
import { loadOrCreateLinkKey } from './signed-link';

/** Everything of the directory one adapter runs: stores, search, imports (one at a time), link key. */
export class Directory {
  readonly store: DirectoryStore;
  readonly capacity: CapacityStore;
  readonly progress: OnwardProgressStore;
  readonly search: DirectorySearch;
  readonly postcodes: ReadonlyMap<string, Point>;
  readonly needTerms: ReadonlyMap<string, readonly string[]>;
  readonly linkKey: Buffer;
  private readonly importer: DirectoryImporter;
  private readonly reports = new Map<string, ImportReport>();
  private running: Promise<ImportReport> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    db: Database,
    /** Where the import writes HealthcareService, Organization and Location. */
    writeGateway: FhirGateway,
    readonly config: DirectoryConfig,
    dataDir: string,
    private readonly log: Logger,
  ) {
    this.store = new DirectoryStore(db);
    this.capacity = new CapacityStore(db);
    this.progress = new OnwardProgressStore(db);
    this.search = new DirectorySearch(db, this.capacity, this.progress, config.timeZone);
    this.postcodes = loadPostcodes(config.postcodesFile);
    this.needTerms = loadNeedTerms(config.needTermsFile);
    this.linkKey = loadOrCreateLinkKey(join(dataDir, 'keys', 'coordinator-links.key'));
    this.importer = new DirectoryImporter(this.store, writeGateway);
  }

  report(id: string): ImportReport | undefined {
    return this.reports.get(id);
  }

  /** Starts an import unless one runs; resolves with its report when done. */
  startImport(): { report: ImportReport; done: Promise<ImportReport>; alreadyRunning: boolean } {
    const feedUrl = this.config.feedUrl;
    if (feedUrl === undefined) throw new Error('no feed configured');
    const current = [...this.reports.values()].find((r) => r.state === 'running');
    if (current !== undefined && this.running !== undefined) {
      return { report: current, done: this.running, alreadyRunning: true };
    }
    const report = this.importer.newReport(this.config.feedName);
    this.reports.set(report.id, report);
    const done = this.importer
      .run({ feedUrl, feedName: this.config.feedName }, report)
      .then((r) => {
        this.log.info('directory.import', {
          import: r.id,
          state: r.state,
          created: r.created,
          updated: r.updated,
          inactivated: r.inactivated,
          refused: r.refused.length,
          transactions: r.transactions,
        });
        this.running = undefined;
        return r;
      });
    this.running = done;
    return { report, done, alreadyRunning: false };
  }

  /** The scheduled import: once at start, then every `importMinutes` (0: on demand only). */
  schedule(): void {
    if (this.config.feedUrl === undefined || this.config.importMinutes === 0) return;
    const run = (): void => {
      void this.startImport().done;
    };
    run();
    this.timer = setInterval(run, this.config.importMinutes * 60_000);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }
}
