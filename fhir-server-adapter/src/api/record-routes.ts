import {
  AnswersRequest,
  ContactAttemptRequest,
  GoalRequest,
  GoalUpdateRequest,
  NoteRequest,
  OnwardReferralRequest,
  parseWith,
  rules,
} from '@linkwell/contracts';
import { Router } from 'express';
import { badRequest, noConsent } from '../errors';
import { writeBackAllowed } from '../store/records';
import { scoresOf } from '../sync/mappers';
import { consentOf, ownCase, worker, type RouteDeps } from './case-routes';

export interface Directory {
  /** The community service's name, or undefined when it is not in the directory. */
  serviceName(id: string): Promise<string | undefined>;
}

const now = (): string => new Date().toISOString();

/** `share` defaults from the patient's consent; sharing without write-back consent is refused. */
async function shareFlag(
  deps: RouteDeps,
  caseId: string,
  asked: boolean | undefined,
): Promise<boolean> {
  const allowed = writeBackAllowed(await consentOf(deps, caseId));
  const share = asked ?? allowed;
  if (share && !allowed) {
    throw noConsent(
      'The patient has not agreed to have goals and outcomes written back to the GP record, so this cannot be shared.',
    );
  }
  return share;
}

/** Contact attempts, private notes, goals, questionnaire answers and onward referrals of a case. */
export function recordRoutes(deps: RouteDeps & { directory: Directory }): Router {
  const router = Router();

  router.post('/cases/:caseId/contact-attempts', async (req, res) => {
    const found = await ownCase(deps, req);
    const { at, method, outcome } = parseWith(ContactAttemptRequest, req.body);
    const attempt = await deps.cases.addContactAttempt({
      caseId: found.id,
      at: at ?? now(),
      method,
      outcome,
      linkWorker: worker(req).practitioner,
    });
    res.status(201).json(attempt);
  });

  router.post('/cases/:caseId/notes', async (req, res) => {
    const found = await ownCase(deps, req);
    const { text } = parseWith(NoteRequest, req.body);
    const note = await deps.cases.addNote({
      caseId: found.id,
      author: worker(req).practitioner,
      text,
    });
    res.status(201).json(note);
  });

  router.post('/cases/:caseId/goals', async (req, res) => {
    const found = await ownCase(deps, req);
    const asked = parseWith(GoalRequest, req.body);
    const goal = await deps.cases.addGoal({
      caseId: found.id,
      description: asked.description,
      lifecycleStatus: 'active',
      achievement: undefined,
      targetMeasure: asked.targetMeasure,
      targetDetail: asked.targetDetail,
      targetDue: asked.targetDue,
      startDate: asked.startDate ?? now().slice(0, 10),
      shared: await shareFlag(deps, found.id, asked.share),
      linkWorker: worker(req).practitioner,
    });
    deps.changed();
    res.status(201).json(goal);
  });

  router.patch('/cases/:caseId/goals/:goalId', async (req, res) => {
    const found = await ownCase(deps, req);
    const goal = await deps.cases.goal(parseWith(rules.recordId(), req.params.goalId, 'goalId'));
    if (goal?.caseId !== found.id)
      throw badRequest('There is no such goal in this case.', 'goalId');
    const { lifecycleStatus, achievement } = parseWith(GoalUpdateRequest, req.body);
    await deps.cases.updateGoal(goal, { lifecycleStatus, achievement }, worker(req).practitioner);
    deps.changed();
    res.json(await deps.cases.goal(goal.id));
  });

  router.post('/cases/:caseId/questionnaires', async (req, res) => {
    const found = await ownCase(deps, req);
    const asked = parseWith(AnswersRequest, req.body);
    const { instrument, answers: given } = asked;
    // Scoring refuses a missing or out-of-range answer with a message naming the item.
    const scores = scoresOf({ instrument, answers: given });
    const record = await deps.cases.addAnswers({
      caseId: found.id,
      instrument,
      timing: asked.timing,
      answers: given,
      authored: asked.authored ?? now(),
      shared: await shareFlag(deps, found.id, asked.share),
      linkWorker: worker(req).practitioner,
    });
    deps.changed();
    res.status(201).json({ ...record, scores });
  });

  router.post('/cases/:caseId/onward-referrals', async (req, res) => {
    const found = await ownCase(deps, req);
    const { service, note, share } = parseWith(OnwardReferralRequest, req.body);
    const serviceName = await deps.directory.serviceName(service);
    if (serviceName === undefined)
      throw badRequest(`HealthcareService/${service} is not in the directory.`, 'service');
    const onward = await deps.cases.addOnwardReferral({
      caseId: found.id,
      serviceRef: `HealthcareService/${service}`,
      serviceName,
      note,
      status: 'active',
      authoredOn: now(),
      shared: await shareFlag(deps, found.id, share),
      linkWorker: worker(req).practitioner,
    });
    deps.changed();
    res.status(201).json(onward);
  });

  return router;
}
