import { CONTACT_METHODS, CONTACT_OUTCOMES, keysOf } from '@linkwell/contracts';
import { Router } from 'express';
import { INSTRUMENTS } from '@linkwell/profiles';
import { badRequest, noConsent } from '../errors';
import { writeBackAllowed } from '../store/records';
import { scoresOf } from '../sync/mappers';
import { consentOf, ownCase, worker, type RouteDeps } from './case-routes';
import {
  answers,
  date,
  type Body,
  dateTime,
  flag,
  objectBody,
  oneOf,
  optionalOneOf,
  optionalText,
  recordId,
  text,
} from './validate';

const ACHIEVEMENTS = [
  'in-progress',
  'improving',
  'worsening',
  'no-change',
  'achieved',
  'sustaining',
  'not-achieved',
  'no-progress',
  'not-attainable',
] as const;

export interface Directory {
  /** The community service's name, or undefined when it is not in the directory. */
  serviceName(id: string): Promise<string | undefined>;
}

const now = (): string => new Date().toISOString();

/** `share` defaults from the patient's consent; sharing without write-back consent is refused. */
async function shareFlag(deps: RouteDeps, caseId: string, body: Body): Promise<boolean> {
  const allowed = writeBackAllowed(await consentOf(deps, caseId));
  const share = flag(body, 'share', allowed);
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
    const body = objectBody(req.body);
    const found = await ownCase(deps, req);
    const attempt = await deps.cases.addContactAttempt({
      caseId: found.id,
      at: dateTime(body, 'at', now),
      method: oneOf(body, 'method', keysOf(CONTACT_METHODS)),
      outcome: oneOf(body, 'outcome', keysOf(CONTACT_OUTCOMES)),
      linkWorker: worker(req).practitioner,
    });
    res.status(201).json(attempt);
  });

  router.post('/cases/:caseId/notes', async (req, res) => {
    const body = objectBody(req.body);
    const found = await ownCase(deps, req);
    const note = await deps.cases.addNote({
      caseId: found.id,
      author: worker(req).practitioner,
      text: text(body, 'text', 10_000),
    });
    res.status(201).json(note);
  });

  router.post('/cases/:caseId/goals', async (req, res) => {
    const body = objectBody(req.body);
    const found = await ownCase(deps, req);
    const goal = await deps.cases.addGoal({
      caseId: found.id,
      description: text(body, 'description', 1000),
      lifecycleStatus: 'active',
      achievement: undefined,
      targetMeasure: optionalText(body, 'targetMeasure', 500),
      targetDetail: optionalText(body, 'targetDetail', 500),
      targetDue: date(body, 'targetDue'),
      startDate: date(body, 'startDate') ?? now().slice(0, 10),
      shared: await shareFlag(deps, found.id, body),
      linkWorker: worker(req).practitioner,
    });
    deps.changed();
    res.status(201).json(goal);
  });

  router.patch('/cases/:caseId/goals/:goalId', async (req, res) => {
    const body = objectBody(req.body);
    const found = await ownCase(deps, req);
    const goal = await deps.cases.goal(recordId(req.params.goalId, 'goalId'));
    if (goal?.caseId !== found.id)
      throw badRequest('There is no such goal in this case.', 'goalId');
    const lifecycleStatus = oneOf(body, 'lifecycleStatus', [
      'active',
      'on-hold',
      'completed',
      'cancelled',
    ] as const);
    const achievement = optionalOneOf(body, 'achievement', ACHIEVEMENTS);
    await deps.cases.updateGoal(goal, { lifecycleStatus, achievement }, worker(req).practitioner);
    deps.changed();
    res.json(await deps.cases.goal(goal.id));
  });

  router.post('/cases/:caseId/questionnaires', async (req, res) => {
    const body = objectBody(req.body);
    const found = await ownCase(deps, req);
    const instrument = oneOf(body, 'instrument', INSTRUMENTS);
    const given = answers(body);
    // Scoring refuses a missing or out-of-range answer with a message naming the item.
    const scores = scoresOf({ instrument, answers: given });
    const record = await deps.cases.addAnswers({
      caseId: found.id,
      instrument,
      timing: oneOf(body, 'timing', ['baseline', 'follow-up'] as const),
      answers: given,
      authored: dateTime(body, 'authored', now),
      shared: await shareFlag(deps, found.id, body),
      linkWorker: worker(req).practitioner,
    });
    deps.changed();
    res.status(201).json({ ...record, scores });
  });

  router.post('/cases/:caseId/onward-referrals', async (req, res) => {
    const body = objectBody(req.body);
    const found = await ownCase(deps, req);
    const service = text(body, 'service', 100).replace(/^HealthcareService\//, '');
    if (!/^[A-Za-z0-9\-.]{1,64}$/.test(service))
      throw badRequest('service must be a HealthcareService id.', 'service');
    const serviceName = await deps.directory.serviceName(service);
    if (serviceName === undefined)
      throw badRequest(`HealthcareService/${service} is not in the directory.`, 'service');
    const onward = await deps.cases.addOnwardReferral({
      caseId: found.id,
      serviceRef: `HealthcareService/${service}`,
      serviceName,
      note: optionalText(body, 'note', 2000),
      status: 'active',
      authoredOn: now(),
      shared: await shareFlag(deps, found.id, body),
      linkWorker: worker(req).practitioner,
    });
    deps.changed();
    res.status(201).json(onward);
  });

  return router;
}
