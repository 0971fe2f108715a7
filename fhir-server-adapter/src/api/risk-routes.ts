import { Router } from 'express';
import {
  COMMON_LANGUAGES,
  COMMUNICATION_ADJUSTMENT_CODES,
  RISK_TYPES,
  RISK_TYPE_CODES,
  type CommunicationNeeds,
} from '@linkwell/profiles';
import { badRequest, conflict, noConsent, notFound } from '../errors';
import type { RiskStore } from '../risk/risk-store';
import { writeBackAllowed } from '../store/records';
import { consentOf, ownCase, worker, type RouteDeps } from './case-routes';
import { flag, objectBody, oneOf, optionalText, recordId, type Body } from './validate';

export interface RiskDeps {
  readonly risks: RiskStore;
}

const BCP47 = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;

/** The GP is told only when the link worker judges so AND the person agreed to write-back. */
async function shareWithGp(deps: RouteDeps, caseId: string, body: Body): Promise<boolean> {
  const share = flag(body, 'shareWithGp', false);
  if (share && !writeBackAllowed(await consentOf(deps, caseId))) {
    throw noConsent(
      'The person has not agreed to write-back, so this risk cannot be sent to the GP record. Tell the GP directly if safeguarding requires it.',
    );
  }
  return share;
}

function communicationNeeds(body: Body): CommunicationNeeds {
  const language = optionalText(body, 'language', 35);
  if (language !== undefined && !BCP47.test(language)) {
    throw badRequest('language must be a BCP-47 language tag such as pl or pa-IN.', 'language');
  }
  const adjustments = body.adjustments ?? [];
  if (
    !Array.isArray(adjustments) ||
    adjustments.some(
      (a) =>
        !COMMUNICATION_ADJUSTMENT_CODES.includes(
          a as (typeof COMMUNICATION_ADJUSTMENT_CODES)[number],
        ),
    )
  ) {
    throw badRequest(
      `adjustments must be a list of ${COMMUNICATION_ADJUSTMENT_CODES.join(', ')}.`,
      'adjustments',
    );
  }
  const interpreterNeeded = flag(body, 'interpreterNeeded', false);
  if (interpreterNeeded && language === undefined) {
    throw badRequest('Say which language the interpreter should speak.', 'language');
  }
  const detail = optionalText(body, 'detail', 500);
  return {
    ...(language === undefined
      ? {}
      : {
          language: {
            code: language,
            ...(COMMON_LANGUAGES[language] === undefined
              ? {}
              : { display: COMMON_LANGUAGES[language] }),
          },
        }),
    interpreterNeeded,
    adjustments: [...new Set(adjustments as (typeof COMMUNICATION_ADJUSTMENT_CODES)[number][])],
    ...(detail === undefined ? {} : { detail }),
  };
}

/** Risk and safeguarding: what the referral carried, what the link worker records and reviews. */
export function riskRoutes(deps: RouteDeps & RiskDeps): Router {
  const router = Router();

  router.get('/cases/:caseId/risks', async (req, res) => {
    const found = await ownCase(deps, req);
    const [risks, communication] = await Promise.all([
      deps.risks.risks(found.id),
      deps.risks.communication(found.id),
    ]);
    const named = await Promise.all(
      risks.map(async (r) => ({
        ...r,
        label: RISK_TYPES[r.type],
        recordedByName:
          (await deps.names?.nameOf(r.recordedBy).catch(() => undefined)) ?? undefined,
      })),
    );
    res.json({ risks: named, communication: communication ?? null });
  });

  router.post('/cases/:caseId/risks', async (req, res) => {
    const body = objectBody(req.body);
    const found = await ownCase(deps, req);
    const type = oneOf(body, 'type', RISK_TYPE_CODES);
    const detail = optionalText(body, 'detail', 1000);
    if ((type === 'other-agency' || type === 'other-risk') && detail === undefined) {
      throw badRequest(
        type === 'other-agency' ? 'Say which agencies are involved.' : 'Say what the risk is.',
        'detail',
      );
    }
    const share = await shareWithGp(deps, found.id, body);
    const risk = await deps.risks.add(
      found.id,
      { type, detail, shareWithGp: share },
      worker(req).practitioner,
    );
    if (share) deps.changed();
    res.status(201).json(risk);
  });

  router.post('/cases/:caseId/risks/:riskId/review', async (req, res) => {
    const body = objectBody(req.body);
    const found = await ownCase(deps, req);
    const risk = await deps.risks.risk(recordId(req.params.riskId, 'riskId'));
    if (risk?.caseId !== found.id) throw notFound('There is no such risk on this case.');
    const status = oneOf(body, 'status', ['active', 'resolved'] as const);
    const detail = body.detail === undefined ? risk.detail : optionalText(body, 'detail', 1000);
    const share =
      body.shareWithGp === undefined ? risk.shareWithGp : await shareWithGp(deps, found.id, body);
    if (risk.shareWithGp && !share) {
      throw conflict(
        'This risk has already been sent to the GP record; resolve it instead, and the GP record shows it as no longer active.',
      );
    }
    const reviewed = await deps.risks.review(
      risk,
      { status, detail, shareWithGp: share },
      worker(req).practitioner,
    );
    if (share) deps.changed();
    res.json(reviewed);
  });

  router.put('/cases/:caseId/communication', async (req, res) => {
    const body = objectBody(req.body);
    const found = await ownCase(deps, req);
    const needs = communicationNeeds(body);
    res.json(await deps.risks.setCommunication(found.id, needs, worker(req).practitioner));
  });

  return router;
}
