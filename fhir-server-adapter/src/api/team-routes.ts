import { Router } from 'express';
import type { HeldReferral, SignedInWorker, TeamMember } from '@linkwell/contracts';
import type { TeamDirectory } from '../fhir/team-directory';
import type { Logger } from '../log';
import type { InboundHoldStore } from '../store/inbound-hold-store';
import { notFound } from '../errors';
import { worker } from './case-routes';

export interface TeamDeps {
  readonly team: TeamDirectory;
  readonly holds: InboundHoldStore;
  readonly log: Logger;
}

/** The signed-in link worker, their team, and the Tasks held for the service's review. */
export function teamRoutes(deps: TeamDeps): Router {
  const router = Router();

  async function nameOf(practitioner: string): Promise<string | undefined> {
    try {
      return await deps.team.nameOf(practitioner);
    } catch (error) {
      // The app still works without names when the FHIR server is away.
      deps.log.warn('team.unavailable', { error: error instanceof Error ? error.name : 'unknown' });
      return undefined;
    }
  }

  router.get('/me', async (req, res) => {
    const me = worker(req);
    res.json({
      ...me,
      name: (await nameOf(me.practitioner)) ?? null,
      manager: await deps.team.isManager(me.practitioner).catch(() => false),
    } satisfies SignedInWorker);
  });

  router.get('/team', async (_req, res) => {
    const members = await deps.team.members();
    res.json({
      members: members.map((m) => ({ practitioner: m.practitioner, name: m.name })),
    } satisfies { members: TeamMember[] });
  });

  // Task ids, reasons and times only: nothing about any patient.
  router.get('/inbound/held', async (req, res) => {
    const held = await deps.holds.held(worker(req).serviceOrg);
    res.json({ held } satisfies { held: readonly HeldReferral[] });
  });

  // Reviewed: the hold is set aside (it opens again if the Task changes and is still wrong).
  router.post('/inbound/held/:taskId/dismiss', async (req, res) => {
    const { taskId } = req.params;
    // Task ids are unique per EHR endpoint: `?endpoint=` names one (each hold lists its own).
    const endpoint = typeof req.query.endpoint === 'string' ? req.query.endpoint : undefined;
    if (
      !/^[A-Za-z0-9\-.]{1,64}$/.test(taskId) ||
      (endpoint !== undefined && !/^[a-z0-9-]{1,32}$/.test(endpoint)) ||
      !(await deps.holds.dismiss(worker(req).serviceOrg, taskId, endpoint))
    ) {
      throw notFound('There is no such referral held for review.');
    }
    res.json({ dismissed: taskId });
  });

  return router;
}
