import { Router } from 'express';
import { WithdrawConsentRequest, parseWith, type CaseConsent } from '@linkwell/contracts';
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

  return router;
}
