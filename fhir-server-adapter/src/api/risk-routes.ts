import { Router } from 'express';
import {
  CommunicationRequest,
  RiskRequest,
  RiskReviewRequest,
  parseWith,
  rules,
  type CaseRisks,
} from '@linkwell/contracts';
import { COMMON_LANGUAGES, RISK_TYPES, type CommunicationNeeds } from '@linkwell/profiles';
import { conflict, noConsent, notFound } from '../errors';
import type { RiskStore } from '../risk/risk-store';
import { writeBackAllowed } from '../store/records';
import { consentOf, ownCase, worker, type RouteDeps } from './case-routes';

export interface RiskDeps {
  readonly risks: RiskStore;
}

/** The GP is told only when the link worker judges so AND the person agreed to write-back. */
async function shareWithGp(deps: RouteDeps, caseId: string, share: boolean): Promise<boolean> {
  if (share && !writeBackAllowed(await consentOf(deps, caseId))) {
    throw noConsent(
      'The person has not agreed to write-back, so this risk cannot be sent to the GP record. Tell the GP directly if safeguarding requires it.',
    );
  }
  return share;
}

/** The needs as asked, with the language's name when it is one of the common ones. */
function communicationNeeds(asked: ReturnType<typeof parseCommunication>): CommunicationNeeds {
  const { language, interpreterNeeded, adjustments, detail } = asked;
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
    adjustments,
    ...(detail === undefined ? {} : { detail }),
  };
}

const parseCommunication = (value: unknown) => parseWith(CommunicationRequest, value);

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
    res.json({ risks: named, communication: communication ?? null } satisfies CaseRisks);
  });

  router.post('/cases/:caseId/risks', async (req, res) => {
    const found = await ownCase(deps, req);
    const { type, detail, shareWithGp: asked } = parseWith(RiskRequest, req.body);
    const share = await shareWithGp(deps, found.id, asked ?? false);
    const risk = await deps.risks.add(
      found.id,
      { type, detail, shareWithGp: share },
      worker(req).practitioner,
    );
    if (share) deps.changed();
    res.status(201).json(risk);
  });

  router.post('/cases/:caseId/risks/:riskId/review', async (req, res) => {
    const found = await ownCase(deps, req);
    const risk = await deps.risks.risk(parseWith(rules.recordId(), req.params.riskId, 'riskId'));
    if (risk?.caseId !== found.id) throw notFound('There is no such risk on this case.');
    const asked = parseWith(RiskReviewRequest, req.body);
    const { status } = asked;
    // Left out keeps what is there; detail null clears it.
    const detail = asked.detail === undefined ? risk.detail : (asked.detail ?? undefined);
    const share =
      asked.shareWithGp === undefined
        ? risk.shareWithGp
        : await shareWithGp(deps, found.id, asked.shareWithGp);
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
    const found = await ownCase(deps, req);
    const needs = communicationNeeds(parseCommunication(req.body));
    res.json(await deps.risks.setCommunication(found.id, needs, worker(req).practitioner));
  });

  return router;
}
