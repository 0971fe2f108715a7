import { Router } from 'express';
import {
  ResearchPermissionRequest,
  WithdrawConsentRequest,
  parseWith,
  type CaseConsent,
} from '@linkwell/contracts';
import { ApiError } from '../errors';
import type { TeamDirectory } from '../fhir/team-directory';
import type { ConsentStore } from '../store/consent-store';
import { ownCase, worker, type RouteDeps } from './case-routes';

export interface ConsentDeps {
  readonly consents: ConsentStore;
  readonly team: TeamDirectory;
}

const noConsent = (): ApiError =>
  new ApiError(409, 'no-consent', 'This case has no recorded consent to withdraw.');

/** What the patient agreed to, and the link worker recording a withdrawal. */
export function consentRoutes(deps: RouteDeps & ConsentDeps): Router {
  const router = Router();

  router.get('/cases/:caseId/consent', async (req, res) => {
    const found = await ownCase(deps, req);
    res.json({
      consent: (await deps.consents.consentOf(found.id)) ?? null,
    } satisfies { consent: CaseConsent | null });
  });

  // Stops write-back now; the outbound sync then records the withdrawal on the EHR's Consent.
  router.post('/cases/:caseId/consent/withdraw', async (req, res) => {
    parseWith(WithdrawConsentRequest, req.body ?? {});
    const found = await ownCase(deps, req);
    const me = worker(req);
    const name =
      (await deps.team.nameOf(me.practitioner).catch(() => undefined)) ?? me.practitioner;
    const consent = await deps.consents.withdraw(found.id, {
      at: new Date().toISOString(),
      practitioner: me.practitioner,
      name,
    });
    if (consent === undefined) throw noConsent();
    deps.changed();
    res.json({ consent });
  });

  // The link worker records, or withdraws, the person's agreement to research use of their
  // de-identified information (kept in the store, which the research extract reads; the outbound
  // sync then updates the EHR's Consent to match).
  router.put('/cases/:caseId/consent/research', async (req, res) => {
    const body = parseWith(ResearchPermissionRequest, req.body ?? {});
    const found = await ownCase(deps, req);
    const me = worker(req);
    const name =
      (await deps.team.nameOf(me.practitioner).catch(() => undefined)) ?? me.practitioner;
    const consent = await deps.consents.setResearch(found.id, body.permitted, {
      at: new Date().toISOString(),
      practitioner: me.practitioner,
      name,
    });
    if (consent === undefined) {
      throw new ApiError(409, 'no-consent', 'This case has no recorded consent.');
    }
    if (body.permitted && !consent.research) {
      throw new ApiError(
        409,
        'no-consent',
        'Research use can be recorded only while the consent to share is in force.',
      );
    }
    deps.changed();
    res.json({ consent });
  });

  return router;
}
