import express, { type Request, type Response, Router } from 'express';
import type Provider from 'oidc-provider';
import type { ClientRegistry } from './clients';
import type { EhrConfig } from './config';
import { listChoices, options } from './directory';
import { escapeHtml, page } from './html';
import type { LaunchContext, LaunchStore } from './launch-store';
import type { Logger } from './log';
import { allowedResourceScopes } from './scope-grant';
import { NON_RESOURCE_SCOPES } from './scopes';

interface InteractionDeps {
  provider: Provider;
  clients: ClientRegistry;
  launches: LaunchStore;
  log: Logger;
}

function scopeOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

const OIDC_SCOPES: ReadonlySet<string> = new Set(NON_RESOURCE_SCOPES);

/**
 * The sandbox's login and consent step. An EHR launch approves at once as the launching
 * practitioner; a standalone launch or an OpenID Connect sign-in shows a picker instead.
 */
export function interactionRoutes(config: EhrConfig, deps: InteractionDeps): Router {
  const router = Router();
  const { provider } = deps;

  async function approve(req: Request, res: Response, context: LaunchContext): Promise<void> {
    const { params } = await provider.interactionDetails(req, res);
    const clientId = String(params.client_id);
    const requested = scopeOf(params.scope).split(' ');
    const accountId = `Practitioner/${context.practitioner}`;
    const grant = new provider.Grant({ accountId, clientId });
    const oidcScopes = requested.filter((scope) => OIDC_SCOPES.has(scope));
    if (oidcScopes.length > 0) grant.addOIDCScope(oidcScopes.join(' '));
    const resourceScopes = allowedResourceScopes(deps.clients, clientId, [requested.join(' ')]);
    if (resourceScopes.length > 0)
      grant.addResourceScope(config.fhirBase, resourceScopes.join(' '));
    const grantId = await grant.save();
    deps.launches.bindGrant(grantId, context);
    deps.log.info('authorization.approved', {
      client: clientId,
      launch: params.launch !== undefined,
    });
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  }

  async function refuse(
    req: Request,
    res: Response,
    error: string,
    description: string,
  ): Promise<void> {
    await provider.interactionFinished(
      req,
      res,
      { error, error_description: description },
      { mergeWithLastSubmission: false },
    );
  }

  router.get('/interaction/:uid', async (req, res) => {
    const { params } = await provider.interactionDetails(req, res);
    const scopes = scopeOf(params.scope).split(' ');
    if (typeof params.launch === 'string') {
      const context = deps.launches.find(params.launch);
      if (context === undefined)
        return refuse(req, res, 'invalid_request', 'launch is unknown or expired');
      return approve(req, res, context);
    }
    if (scopes.includes('launch')) {
      return refuse(
        req,
        res,
        'invalid_scope',
        'the launch scope is for EHR launches, which carry a launch parameter',
      );
    }
    const wantsPatient = scopes.includes('launch/patient');
    const [practitioners, patients] = await Promise.all([
      listChoices(config.fhirUpstream, 'Practitioner'),
      wantsPatient ? listChoices(config.fhirUpstream, 'Patient') : Promise.resolve([]),
    ]);
    const client = deps.clients.clients.find((c) => c.clientId === params.client_id);
    const patientPicker = wantsPatient
      ? `<label for="patient">Patient</label><select id="patient" name="patient">${options(patients)}</select>`
      : '';
    res.type('html').send(
      page(
        'Sign in',
        `<main><h1>${escapeHtml(client?.name ?? 'App')} asks you to sign in</h1>
<form method="post" action="/interaction/${escapeHtml(req.params.uid)}">
<label for="practitioner">Sign in as</label><select id="practitioner" name="practitioner">${options(practitioners)}</select>
${patientPicker}<br><button type="submit">Sign in and allow</button></form></main>`,
      ),
    );
  });

  router.post('/interaction/:uid', express.urlencoded({ extended: false }), async (req, res) => {
    const { params } = await provider.interactionDetails(req, res);
    const body = req.body as Record<string, string | undefined>;
    const practitioner = body.practitioner ?? '';
    const patient = body.patient === '' ? undefined : body.patient;
    if (!/^[A-Za-z0-9\-.]{1,64}$/.test(practitioner)) {
      return refuse(req, res, 'access_denied', 'no practitioner was chosen');
    }
    if (scopeOf(params.scope).split(' ').includes('launch/patient') && patient === undefined) {
      return refuse(req, res, 'access_denied', 'no patient was chosen');
    }
    return approve(req, res, { practitioner, patient, needPatientBanner: true });
  });

  return router;
}
