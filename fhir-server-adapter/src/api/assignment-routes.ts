import { Router } from 'express';
import { AssignRequest, CoverRequest, parseWith, type CaseAssignments } from '@linkwell/contracts';
import { ApiError, conflict } from '../errors';
import type { TeamMember } from '../fhir/team-directory';
import type { Logger } from '../log';
import type { AssignmentStore } from '../team/assignment-store';
import { ownCase, summary, worker, type RouteDeps } from './case-routes';

export interface AssignmentDeps extends RouteDeps {
  readonly assignments: AssignmentStore;
  readonly team: { members(): Promise<TeamMember[]> };
  readonly log: Logger;
}

/** Team caseload: hand a case to another worker of the service, or have one cover it for a while. */
export function assignmentRoutes(deps: AssignmentDeps): Router {
  const router = Router();

  /** The named member of the signed-in worker's service; anyone else is refused. */
  async function teamMember(practitioner: string, field: string): Promise<TeamMember> {
    let members: TeamMember[];
    try {
      members = await deps.team.members();
    } catch (error) {
      deps.log.warn('team.unavailable', { error: error instanceof Error ? error.name : 'unknown' });
      throw new ApiError(503, 'team-unavailable', 'The team list could not be read; try again.');
    }
    const member = members.find((m) => m.practitioner === practitioner);
    if (member === undefined) {
      throw new ApiError(
        422,
        'not-in-service',
        'That person is not a link worker of this service: a case can go only to a member of the team.',
        field,
      );
    }
    return member;
  }

  router.post('/cases/:caseId/assign', async (req, res) => {
    const found = await ownCase(deps, req);
    const { to } = parseWith(AssignRequest, req.body);
    const member = await teamMember(to, 'to');
    if (found.assignedTo === to) throw conflict(`${member.name} already holds this case.`, 'to');
    const updated = await deps.assignments.assign(found.id, to, worker(req).practitioner);
    if (updated === undefined) {
      throw conflict('Only an accepted, open case can be handed to another link worker.');
    }
    deps.changed();
    res.json({ case: summary(updated, member.name) });
  });

  router.post('/cases/:caseId/cover', async (req, res) => {
    const found = await ownCase(deps, req);
    const { by, from, until } = parseWith(CoverRequest, req.body);
    await teamMember(by, 'by');
    if (found.assignedTo === by)
      throw conflict('The case holder cannot cover their own case.', 'by');
    const cover = await deps.assignments.cover(
      found.id,
      { practitioner: by, from, until },
      worker(req).practitioner,
    );
    res.status(201).json({ cover });
  });

  router.post('/cases/:caseId/cover/end', async (req, res) => {
    const found = await ownCase(deps, req);
    if (!(await deps.assignments.endCover(found.id))) {
      throw conflict('Nobody is covering this case.');
    }
    res.json({ ended: true });
  });

  router.get('/cases/:caseId/assignments', async (req, res) => {
    const found = await ownCase(deps, req);
    const today = new Date().toISOString().slice(0, 10);
    const [history, cover] = await Promise.all([
      deps.assignments.history(found.id),
      deps.assignments.currentCover(found.id, today),
    ]);
    res.json({ history, cover: cover ?? null } satisfies CaseAssignments);
  });

  return router;
}
