import type { ExportStatus } from '@linkwell/contracts';
import { createReadStream } from 'node:fs';
import { Router } from 'express';
import { badRequest, forbidden, notFound } from '../errors';
import type { TeamDirectory } from '../fhir/team-directory';
import {
  DATASET_COLUMNS,
  RESEARCH_COLUMNS,
  SERVICE_COLUMNS,
  dataDictionaryCsv,
} from '../insights/dataset';
import {
  EXPORT_FILES,
  EXPORT_KINDS,
  type ExportJob,
  type ExportJobs,
  type ExportKind,
} from '../insights/export-jobs';
import { parseFilter } from '../insights/filters';
import { worker } from './case-routes';

export interface ExportDeps {
  readonly team: TeamDirectory;
  readonly exports: ExportJobs;
}

const view = (job: ExportJob): ExportStatus => ({
  id: job.id,
  kind: job.kind,
  status: job.status,
  rows: job.rows,
  total: job.total,
  // The research extract leaves out people who do not permit research, so it may end short.
  progress: job.status === 'done' ? 1 : job.total === 0 ? 0 : Math.min(1, job.rows / job.total),
  startedAt: job.startedAt,
  finishedAt: job.finishedAt ?? null,
  download: job.status === 'done' ? `/api/exports/${job.id}/download` : null,
});

/**
 * Exports for the service's manager only: `POST /exports?<filter>` with `{ kind }` starts one,
 * `GET /exports/:id` tells how far it is, `GET /exports/:id/download` hands over the file.
 */
export function exportRoutes(deps: ExportDeps): Router {
  const router = Router();

  router.get('/exports/data-dictionary.csv', (req, res) => {
    const which = req.query.for;
    const columns =
      which === 'research'
        ? RESEARCH_COLUMNS
        : which === 'service'
          ? SERVICE_COLUMNS
          : DATASET_COLUMNS;
    res.type('text/csv; charset=utf-8');
    res.attachment(`linkwell-data-dictionary${typeof which === 'string' ? `-${which}` : ''}.csv`);
    res.send(dataDictionaryCsv(columns));
  });

  router.post('/exports', async (req, res) => {
    const me = worker(req);
    if (!(await deps.team.isManager(me.practitioner))) {
      throw forbidden("Only the service's manager can export the service's records.");
    }
    const kind = (req.body as { kind?: unknown } | undefined)?.kind;
    if (typeof kind !== 'string' || !EXPORT_KINDS.includes(kind as ExportKind)) {
      throw badRequest(`kind must be one of ${EXPORT_KINDS.join(', ')}.`, 'kind');
    }
    const filter = parseFilter(req.query, me.serviceOrg);
    const job = await deps.exports.start(kind as ExportKind, filter, me.practitioner);
    res.status(202).json(view(job));
  });

  router.get('/exports/:id', (req, res) => {
    const job = deps.exports.get(req.params.id, worker(req).practitioner);
    if (job === undefined) throw notFound('There is no such export of yours.');
    res.json(view(job));
  });

  router.get('/exports/:id/download', async (req, res) => {
    const me = worker(req);
    const job = deps.exports.get(req.params.id, me.practitioner);
    if (job === undefined) throw notFound('There is no such export of yours.');
    // Still a manager now, not only when it started.
    if (!(await deps.team.isManager(me.practitioner))) {
      throw forbidden("Only the service's manager can export the service's records.");
    }
    if (job.status !== 'done') throw badRequest('The export has not finished yet.');
    const { ext, type } = EXPORT_FILES[job.kind];
    res.type(type);
    res.attachment(
      `linkwell-${job.kind === 'research' ? 'research-extract' : 'minimum-dataset'}.${ext}`,
    );
    createReadStream(deps.exports.file(job)).pipe(res);
  });

  return router;
}
