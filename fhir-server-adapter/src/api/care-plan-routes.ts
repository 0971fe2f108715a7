import { Router } from 'express';
import {
  ActionRequest,
  ActionStatusRequest,
  AssessedNeedRequest,
  CarePlanRequest,
  parseWith,
  rules,
  type CaseCarePlan,
} from '@linkwell/contracts';
import type { CarePlanStore } from '../care-plan/care-plan-store';
import { noConsent, notFound } from '../errors';
import { writeBackAllowed } from '../store/records';
import { consentOf, ownCase, worker, type RouteDeps } from './case-routes';

export interface CarePlanDeps {
  readonly carePlans: CarePlanStore;
}

/** Needs as assessed, agreed actions, and the personalised care and support plan built from them. */
export function carePlanRoutes(deps: RouteDeps & CarePlanDeps): Router {
  const router = Router();

  router.get('/cases/:caseId/care-plan', async (req, res) => {
    const found = await ownCase(deps, req);
    const [parts, goals, onward] = await Promise.all([
      deps.carePlans.parts(found.id),
      deps.cases.goals(found.id),
      deps.cases.onwardReferrals(found.id),
    ]);
    res.json({
      plan: parts.plan ?? null,
      needs: parts.needs,
      actions: parts.actions,
      goals: goals.filter((g) => g.lifecycleStatus !== 'cancelled'),
      onward: onward.filter((o) => o.status !== 'revoked'),
    } satisfies CaseCarePlan);
  });

  router.post('/cases/:caseId/assessed-needs', async (req, res) => {
    const found = await ownCase(deps, req);
    const { need, concern } = parseWith(AssessedNeedRequest, req.body);
    res
      .status(201)
      .json(await deps.carePlans.addNeed(found.id, need, concern, worker(req).practitioner));
    deps.changed();
  });

  router.post('/cases/:caseId/actions', async (req, res) => {
    const found = await ownCase(deps, req);
    const { description, who, due } = parseWith(ActionRequest, req.body);
    const input = { description, who, due };
    res.status(201).json(await deps.carePlans.addAction(found.id, input, worker(req).practitioner));
    deps.changed();
  });

  router.put('/cases/:caseId/actions/:actionId', async (req, res) => {
    const found = await ownCase(deps, req);
    const action = await deps.carePlans.action(
      parseWith(rules.recordId(), req.params.actionId, 'actionId'),
    );
    if (action?.caseId !== found.id) throw notFound('There is no such action on this case.');
    const { status } = parseWith(ActionStatusRequest, req.body);
    res.json(await deps.carePlans.setActionStatus(action, status, worker(req).practitioner));
    deps.changed();
  });

  router.put('/cases/:caseId/care-plan', async (req, res) => {
    const found = await ownCase(deps, req);
    const asked = parseWith(CarePlanRequest, req.body);
    const current = (await deps.carePlans.parts(found.id)).plan;
    // Left out keeps what is there; null clears it.
    const whatMatters =
      asked.whatMatters === undefined ? current?.whatMatters : (asked.whatMatters ?? undefined);
    const share = asked.share ?? current?.shared ?? false;
    if (share && !writeBackAllowed(await consentOf(deps, found.id))) {
      throw noConsent(
        'The person has not agreed to write-back, so the plan stays with the service. Print it for them instead.',
      );
    }
    res.json(
      await deps.carePlans.setPlan(
        found.id,
        { whatMatters, shared: share },
        worker(req).practitioner,
      ),
    );
    deps.changed();
  });

  return router;
}
