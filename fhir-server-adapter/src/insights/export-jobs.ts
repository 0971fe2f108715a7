import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../db/database';
import type { Logger } from '../log';
import { RESEARCH_COLUMNS, SERVICE_COLUMNS, csvHeader, csvLine, type DatasetRow } from './dataset';
import { datasetResources } from './dataset-fhir';
import { datasetRows } from './dataset-queries';
import { scopedCases, type InsightsFilter } from './filters';
import type { ReportedMeasure } from './measures';
import { pseudonym } from './pseudonym';

/**
 * `csv` and `ndjson`: the minimum dataset for the service; `research`: pseudonymised, only people
 * who permit research use (the Consent's research permission, the consent to share in force).
 */
export type ExportKind = 'csv' | 'ndjson' | 'research';
export const EXPORT_KINDS: readonly ExportKind[] = ['csv', 'ndjson', 'research'];

export interface ExportJob {
  readonly id: string;
  readonly kind: ExportKind;
  readonly requestedBy: string;
  status: 'running' | 'done' | 'failed';
  /** Cases written so far, of `total` in view (the research extract writes only those who permit research). */
  rows: number;
  readonly total: number;
  readonly startedAt: string;
  finishedAt?: string;
}

export const EXPORT_FILES: Record<ExportKind, { ext: string; type: string }> = {
  csv: { ext: 'csv', type: 'text/csv; charset=utf-8' },
  ndjson: { ext: 'ndjson', type: 'application/fhir+ndjson' },
  research: { ext: 'csv', type: 'text/csv; charset=utf-8' },
};

const write = (out: WriteStream, text: string): Promise<void> =>
  out.write(text) ? Promise.resolve() : new Promise((resolve) => out.once('drain', resolve));

/**
 * Runs exports in the background, one file each under the exports folder, a batch of cases at a
 * time with the stream's backpressure respected, so memory stays flat. The folder is emptied at
 * start: an export is downloaded, not kept.
 */
export class ExportJobs {
  private readonly jobs = new Map<string, ExportJob>();

  constructor(
    private readonly deps: {
      readonly db: Database;
      readonly dir: string;
      readonly measures: readonly ReportedMeasure[];
      readonly pseudonymKey: Buffer;
      readonly log: Logger;
    },
  ) {
    rmSync(deps.dir, { recursive: true, force: true });
    mkdirSync(deps.dir, { recursive: true, mode: 0o700 });
  }

  async start(kind: ExportKind, filter: InsightsFilter, requestedBy: string): Promise<ExportJob> {
    const { cte, params } = scopedCases(filter);
    const [count] = await this.deps.db.query<{ n: number }>(
      `WITH ${cte} SELECT count(*)::integer AS n FROM scoped`,
      params,
    );
    const job: ExportJob = {
      id: randomUUID(),
      kind,
      requestedBy,
      status: 'running',
      rows: 0,
      total: count?.n ?? 0,
      startedAt: new Date().toISOString(),
    };
    this.jobs.set(job.id, job);
    const done = this.run(job, filter);
    void done;
    return job;
  }

  /** A job its requester may see; undefined for anyone else. */
  get(id: string, requestedBy: string): ExportJob | undefined {
    const job = this.jobs.get(id);
    return job?.requestedBy === requestedBy ? job : undefined;
  }

  file(job: ExportJob): string {
    return join(this.deps.dir, `${job.id}.${EXPORT_FILES[job.kind].ext}`);
  }

  /** Resolves when the job has finished (tests and benchmarks). */
  async finished(id: string): Promise<ExportJob | undefined> {
    for (;;) {
      const job = this.jobs.get(id);
      if (job === undefined || job.status !== 'running') return job;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async run(job: ExportJob, filter: InsightsFilter): Promise<void> {
    const out = createWriteStream(this.file(job), { mode: 0o600 });
    try {
      const columns = job.kind === 'research' ? RESEARCH_COLUMNS : SERVICE_COLUMNS;
      if (job.kind !== 'ndjson') await write(out, csvHeader(columns));
      const rows = datasetRows(this.deps.db, filter, {
        researchOnly: job.kind === 'research',
      });
      for await (const batch of rows) {
        await write(out, batch.map((row) => this.line(job.kind, filter.serviceOrg, row)).join(''));
        job.rows += batch.length;
      }
      await new Promise<void>((resolve, reject) => {
        out.end((error?: Error | null) => {
          if (error) reject(error);
          else resolve();
        });
      });
      job.status = 'done';
    } catch (error) {
      out.destroy();
      rmSync(this.file(job), { force: true });
      job.status = 'failed';
      this.deps.log.error('insights.export-failed', {
        export: job.id,
        error: error instanceof Error ? error.name : 'unknown',
      });
    } finally {
      job.finishedAt = new Date().toISOString();
    }
  }

  private line(kind: ExportKind, serviceOrg: string, row: DatasetRow): string {
    if (kind === 'csv') return csvLine(SERVICE_COLUMNS, row);
    if (kind === 'research') {
      return csvLine(RESEARCH_COLUMNS, {
        ...row,
        // A person not on the EHR is keyed by their case (their only identity here).
        person_pseudonym: pseudonym(
          this.deps.pseudonymKey,
          row.patient_reference === null
            ? `case/${String(row.case_id)}`
            : String(row.patient_reference),
        ),
      });
    }
    return datasetResources(row, serviceOrg, this.deps.measures)
      .map((resource) => `${JSON.stringify(resource)}\n`)
      .join('');
  }
}
