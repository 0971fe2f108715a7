import type { InsightsReport } from '@linkwell/contracts';
import { Router, type Request } from 'express';
import type { Database } from '../db/database';
import { forbidden } from '../errors';
import type { TeamDirectory } from '../fhir/team-directory';
import { parseFilter, type InsightsFilter } from '../insights/filters';
import type { ReportedMeasure } from '../insights/measures';
import { insightsReport } from '../insights/report';
import type { ExportJobs } from '../insights/export-jobs';
import type { Logger } from '../log';
import { worker } from './case-routes';
import { exportRoutes } from './export-routes';
import { healthcareUseRoutes } from './healthcare-use-routes';
import { healthcareUseSection } from '../insights/healthcare-use';
import type { EncounterRefresh } from '../insights/healthcare-use-refresh';

export interface InsightsDeps {
  readonly db: Database;
  readonly team: TeamDirectory;
  readonly measures: readonly ReportedMeasure[];
  /** Brings the per-case facts up to date from the EHR before figures are computed. */
  readonly refreshFacts: () => Promise<unknown>;
  readonly log: Logger;
  readonly now?: () => Date;
  /** The minimum-dataset and research exports (export-routes.ts). */
  readonly exports: ExportJobs;
  /** The cached EHR Encounters behind healthcare use before and after (manager only). */
  readonly encounters?: EncounterRefresh;
  /** EHR endpoint id to the name shown for its GP record. */
  readonly endpointNames?: ReadonlyMap<string, string>;
}

/** Whether the signed-in practitioner manages the service (a manager role in the directory). */
export async function isManager(deps: Pick<InsightsDeps, 'team'>, req: Request): Promise<boolean> {
  return deps.team.isManager(worker(req).practitioner);
}

/** The filter a request may see: a link worker only their own cases, a manager any worker's. */
export async function allowedFilter(
  deps: Pick<InsightsDeps, 'team'>,
  req: Request,
): Promise<InsightsFilter> {
  const me = worker(req);
  const filter = parseFilter(req.query, me.serviceOrg);
  if (await isManager(deps, req)) return filter;
  if (filter.worker !== undefined && filter.worker !== me.practitioner) {
    throw forbidden("Only the service's manager can see another link worker's figures.");
  }
  return { ...filter, worker: me.practitioner };
}

/** The manager's view: `GET /insights?from&to&practice&worker&need`, small counts suppressed. */
export function insightsRoutes(deps: InsightsDeps): Router {
  const router = Router();

  router.get('/insights', async (req, res) => {
    const filter = await allowedFilter(deps, req);
    await deps.refreshFacts().catch((error: unknown) => {
      // Figures still come from what the store has; new cases join once the EHR answers.
      deps.log.warn('insights.facts-unavailable', {
        error: error instanceof Error ? error.name : 'unknown',
      });
    });
    const report = await insightsReport(
      { db: deps.db, measures: deps.measures, nameOf: (p) => deps.team.nameOf(p), now: deps.now },
      filter,
    );
    const manager = await isManager(deps, req);
    // Healthcare use is the manager's alone: a link worker's figures leave it out.
    const healthcareUse =
      manager && deps.encounters !== undefined
        ? await healthcareUseSection(
            deps.db,
            filter,
            report.generatedAt.slice(0, 10),
            deps.encounters.latest(),
            deps.endpointNames,
          )
        : undefined;
    res.json({
      ...report,
      healthcareUse,
      scope: manager ? 'service' : 'own-cases',
    } satisfies InsightsReport);
  });

  if (deps.encounters !== undefined) {
    router.use(healthcareUseRoutes({ ...deps, encounters: deps.encounters }));
  }
  router.use(exportRoutes(deps));
  return router;
}
