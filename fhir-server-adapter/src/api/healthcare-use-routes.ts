import type { EncounterRefreshStatus, HealthcareUse } from '@linkwell/contracts';
import { Router, type Request } from 'express';
import type { Database } from '../db/database';
import { forbidden, notFound } from '../errors';
import type { TeamDirectory } from '../fhir/team-directory';
import { parseFilter } from '../insights/filters';
import { healthcareUseSection, refreshView } from '../insights/healthcare-use';
import type { EncounterRefresh } from '../insights/healthcare-use-refresh';
import { worker } from './case-routes';

export interface HealthcareUseDeps {
  readonly db: Database;
  readonly team: TeamDirectory;
  readonly encounters: EncounterRefresh;
  /** EHR endpoint id to the name shown for its GP record. */
  readonly endpointNames?: ReadonlyMap<string, string>;
  readonly now?: () => Date;
}

async function managerOnly(deps: Pick<HealthcareUseDeps, 'team'>, req: Request): Promise<void> {
  if (!(await deps.team.isManager(worker(req).practitioner))) {
    throw forbidden("Only the service's manager can see healthcare use before and after referral.");
  }
}

/**
 * Healthcare use before and after referral, for the service's manager only:
 * `GET /insights/healthcare-use?<filter>` the figures from the store's cached Encounters,
 * `POST /insights/healthcare-use/refresh` reads them from the EHR (202, one refresh at a time),
 * `GET /insights/healthcare-use/refresh` how far the latest refresh is.
 */
export function healthcareUseRoutes(deps: HealthcareUseDeps): Router {
  const router = Router();

  router.get('/insights/healthcare-use', async (req, res) => {
    await managerOnly(deps, req);
    const filter = parseFilter(req.query, worker(req).serviceOrg);
    const today = (deps.now ?? (() => new Date()))().toISOString().slice(0, 10);
    res.json(
      (await healthcareUseSection(
        deps.db,
        filter,
        today,
        deps.encounters.latest(),
        deps.endpointNames,
      )) satisfies HealthcareUse,
    );
  });

  router.post('/insights/healthcare-use/refresh', async (req, res) => {
    await managerOnly(deps, req);
    res
      .status(202)
      .json(
        refreshView(
          await deps.encounters.start(),
          deps.endpointNames,
        ) satisfies EncounterRefreshStatus,
      );
  });

  router.get('/insights/healthcare-use/refresh', async (req, res) => {
    await managerOnly(deps, req);
    const job = deps.encounters.latest();
    if (job === undefined)
      throw notFound('No refresh of the Encounters has run since the adapter started.');
    res.json(refreshView(job, deps.endpointNames) satisfies EncounterRefreshStatus);
  });

  return router;
}
