import { Router, type Request } from 'express';
import type { Logger } from '../log';
import type { CaseAccessStore } from '../store/case-access-store';
import type { LinkWorker } from './auth';
import { ownCase, type RouteDeps } from './case-routes';

export interface CaseAuditDeps extends RouteDeps {
  readonly access: CaseAccessStore;
  readonly log: Logger;
}

const UUID = /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i;

/** The endpoint's shape without ids or anything a caller typed: `/cases/:id/goals/:id`. */
export function routeShape(path: string): string {
  return (
    path
      .split('?')[0]
      ?.replace(/^\/api/, '')
      .split('/')
      .map((part) =>
        part === '' || /^[a-z][a-z-]{0,40}$/.test(part) ? part : UUID.test(part) ? ':id' : ':x',
      )
      .join('/') ?? ''
  );
}

const workerOf = (req: Request): LinkWorker | undefined =>
  (req as Request & { worker?: LinkWorker }).worker;

/**
 * The case audit trail: every answered request under `/cases/:caseId` by a signed-in link worker is
 * recorded after it is answered (who, read or change, the endpoint's shape, the status, when), and
 * `GET /cases/:caseId/access-history` lists a case's. For now any member of the service may list
 * it; a service-manager role (issue 11) will narrow that.
 */
export function caseAudit(deps: CaseAuditDeps): Router {
  const router = Router();
  router.use('/cases/:caseId', (req, res, next) => {
    const caseId = req.params.caseId;
    const at = new Date().toISOString();
    res.on('finish', () => {
      const worker = workerOf(req);
      if (worker === undefined || !UUID.test(caseId)) return;
      const read = req.method === 'GET' || req.method === 'HEAD';
      deps.access
        .record({
          caseId: caseId.toLowerCase(),
          practitioner: worker.practitioner,
          action: read ? 'read' : 'change',
          route: `${req.method} ${routeShape(req.originalUrl)}`,
          status: res.statusCode,
          requestId: String(res.locals.requestId),
          at,
        })
        .catch((error: unknown) => {
          deps.log.error('audit.failed', {
            error: error instanceof Error ? error.name : 'unknown',
          });
        });
    });
    next();
  });

  router.get('/cases/:caseId/access-history', async (req, res) => {
    const found = await ownCase(deps, req);
    const accesses = await deps.access.history(found.id);
    const names = new Map<string, string | undefined>();
    for (const ref of new Set(accesses.map((a) => a.practitioner))) {
      names.set(ref, await deps.names?.nameOf(ref));
    }
    res.json({
      accesses: accesses.map((a) => ({
        at: a.at,
        practitioner: a.practitioner,
        name: names.get(a.practitioner) ?? a.practitioner,
        action: a.action,
        route: a.route,
        status: a.status,
      })),
    });
  });
  return router;
}
