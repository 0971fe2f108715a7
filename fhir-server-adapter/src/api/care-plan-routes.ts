import { Router } from 'express';
import { REFERRAL_NEEDS } from '@linkwell/profiles';
import type { CarePlanStore } from '../care-plan/care-plan-store';
import { noConsent, notFound } from '../errors';
import { writeBackAllowed } from '../store/records';
import { consentOf, ownCase, worker, type RouteDeps } from './case-routes';
import { date, flag, objectBody, oneOf, optionalText, recordId, text } from './validate';

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
    });
  });

  router.post('/cases/:caseId/assessed-needs', async (req, res) => {
    const body = objectBody(req.body);
    const found = await ownCase(deps, req);
    const need = oneOf(body, 'need', REFERRAL_NEEDS);
    const concern = optionalText(body, 'concern', 1000);
    res
      .status(201)
      .json(await deps.carePlans.addNeed(found.id, need, concern, worker(req).practitioner));
    deps.changed();
  });

  router.post('/cases/:caseId/actions', async (req, res) => {
    const body = objectBody(req.body);
    const found = await ownCase(deps, req);
    const input = {
      description: text(body, 'description', 500),
      who: optionalText(body, 'who', 100),
      due: date(body, 'due'),
    };
    res.status(201).json(await deps.carePlans.addAction(found.id, input, worker(req).practitioner));
    deps.changed();
  });

  router.put('/cases/:caseId/actions/:actionId', async (req, res) => {
    const body = objectBody(req.body);
    const found = await ownCase(deps, req);
    const action = await deps.carePlans.action(recordId(req.params.actionId, 'actionId'));
    if (action?.caseId !== found.id) throw notFound('There is no such action on this case.');
    const status = oneOf(body, 'status', ['agreed', 'done', 'dropped'] as const);
    res.json(await deps.carePlans.setActionStatus(action, status, worker(req).practitioner));
    deps.changed();
  });

  router.put('/cases/:caseId/care-plan', async (req, res) => {
    const body = objectBody(req.body);
    const found = await ownCase(deps, req);
    const current = (await deps.carePlans.parts(found.id)).plan;
    const whatMatters =
      body.whatMatters === undefined
        ? current?.whatMatters
        : optionalText(body, 'whatMatters', 2000);
    const share = flag(body, 'share', current?.shared ?? false);
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
