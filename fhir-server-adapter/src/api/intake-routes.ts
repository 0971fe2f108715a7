import { Router, type Request } from 'express';
import {
  ApiError,
  PeopleQuery as PeopleRequestQuery,
  ReferralRequest,
  parseWith,
  type CaseSources,
  type PersonMatch,
  type ReferralOpened,
} from '@linkwell/contracts';
import { openFromSource, type IntakeDeps, type IntakeRequest } from '../intake/intake-service';
import { findPeople, type PeopleQuery } from '../intake/people-search';
import { ownCase, worker, type RouteDeps } from './case-routes';

function peopleQuery(req: Request): PeopleQuery {
  const q = parseWith(PeopleRequestQuery, { ...(req.query as Record<string, unknown>) });
  if (q.nhsNumber !== undefined) return { nhsNumber: q.nhsNumber };
  return { family: q.family ?? '', given: q.given, birthDate: q.birthDate ?? '' };
}

/** Referrals from anyone: find the person, open a case from another source, a case's sources. */
export function intakeRoutes(deps: RouteDeps & IntakeDeps): Router {
  const router = Router();

  router.get('/people', async (req, res) => {
    const query = peopleQuery(req);
    res.json({ people: await findPeople(deps.gateway, query) } satisfies {
      people: readonly PersonMatch[];
    });
  });

  router.post('/referrals', async (req, res) => {
    // Read in the order the form asks, so the first problem named is the first on the page.
    const asked = parseWith(ReferralRequest, req.body);
    if (!asked.consent.shareWithService) {
      throw new ApiError(
        422,
        'no-consent',
        'The person must agree to the service keeping their details before a case is opened.',
        'consent.shareWithService',
      );
    }
    const request: Omit<IntakeRequest, 'recordedBy' | 'serviceOrg'> = {
      source: asked.source,
      who: asked.who,
      needs: asked.needs,
      writeBack: asked.consent.writeBack,
      research: asked.consent.research === true,
    };
    const me = worker(req);
    const result = await openFromSource(deps, {
      ...request,
      serviceOrg: me.serviceOrg,
      recordedBy: {
        reference: me.practitioner,
        display: (await deps.names?.nameOf(me.practitioner)) ?? 'Link worker',
      },
    });
    if (!result.linked) deps.changed();
    res.status(result.linked ? 200 : 201).json(result satisfies ReferralOpened);
  });

  router.get('/cases/:caseId/sources', async (req, res) => {
    const found = await ownCase(deps, req);
    const sources = await deps.intake.sources(found.id);
    // A case opened from a GP's Task before sources were recorded has the GP as its first source.
    const gpFirst =
      found.taskId !== undefined &&
      found.task?.requester?.reference !== `Organization/${found.serviceOrg}` &&
      !sources.some((s) => s.taskId === found.taskId);
    res.json({
      local: found.taskId === undefined,
      person: (await deps.intake.person(found.id)) ?? null,
      sources: [
        ...(gpFirst
          ? [{ kind: 'gp' as const, needs: [], taskId: found.taskId, recordedAt: found.receivedAt }]
          : []),
        ...sources.map((s) => ({ ...s, caseId: undefined })),
      ],
    } satisfies CaseSources);
  });

  return router;
}
