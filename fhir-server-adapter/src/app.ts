import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { assignmentRoutes } from './api/assignment-routes';
import type { Authenticator } from './api/auth';
import { caseAudit } from './api/case-audit';
import { caseRoutes, type RouteDeps } from './api/case-routes';
import { caseloadRoutes, type CaseloadDeps } from './api/caseload-routes';
import { consentRoutes } from './api/consent-routes';
import { diaryRoutes } from './api/diary-routes';
import { insightsRoutes, type InsightsDeps } from './api/insights-routes';
import { recordRoutes, type Directory } from './api/record-routes';
import { teamRoutes } from './api/team-routes';
import { riskRoutes } from './api/risk-routes';
import type { RiskStore } from './risk/risk-store';
import { carePlanRoutes } from './api/care-plan-routes';
import type { CarePlanStore } from './care-plan/care-plan-store';
import {
  questionnaireLinkApi,
  questionnaireLinkPages,
  type LinkDeps,
} from './questionnaire-link/link-routes';
import type { AdapterConfig } from './config';
import type { DiaryStore } from './diary/diary-store';
import { notFound, toApiError } from './errors';
import type { TeamDirectory } from './fhir/team-directory';
import type { Logger } from './log';
import type { CaseAccessStore } from './store/case-access-store';
import type { CaseStore } from './store/case-store';
import type { ConsentStore } from './store/consent-store';
import type { InboundHoldStore } from './store/inbound-hold-store';
import type { SyncStore } from './store/sync-store';
import type { AssignmentStore } from './team/assignment-store';
import type { InboundSync } from './sync/inbound';
import { requestId, securityHeaders } from './http-security';
import { fhirHook } from './sync/inbound-hook';
import { webApp, type WebAppOptions } from './web-app';
import { intakeRoutes } from './api/intake-routes';
import type { IntakeStore } from './intake/intake-store';
import type { FhirGateway } from './fhir/gateway';

export interface AppDeps {
  readonly cases: CaseStore;
  /** The case audit trail: who read or changed which case, and when. */
  readonly access: CaseAccessStore;
  readonly sync: SyncStore;
  readonly inbound: InboundSync;
  /** One rest-hook path per EHR endpoint, each ingesting from its own server; `/fhir-hook` if absent. */
  readonly hooks?: readonly { readonly path: string; readonly inbound: InboundSync }[];
  /** What the patient agreed to, per case. */
  readonly consents: ConsentStore;
  /** Tasks held for review instead of becoming cases. */
  readonly holds: InboundHoldStore;
  /** The service's link workers and practitioner names. */
  readonly team: TeamDirectory;
  readonly authenticate: Authenticator;
  readonly directory: Directory;
  readonly log: Logger;
  /** The public half of the adapter's signing key, served for the EHR's authorization server. */
  readonly jwks: object;
  /** The secret the FHIR server's rest-hook sends back as a Bearer token. */
  readonly hookSecret: string;
  /** Called after a change was committed locally, so outbound sync runs soon. */
  readonly changed: () => void;
  /** The link-worker app's read models (caseload, referral details, directory). */
  readonly caseload?: CaseloadDeps;
  /** Serve the built link-worker app at `/` (SPA fallback for non-API paths). */
  readonly webApp?: WebAppOptions;
  /** The community directory: its API (given the route deps) and the coordinators' signed-link pages. */
  readonly communityDirectory?: { api: (routeDeps: RouteDeps) => Router; coordinator: Router };
  /** The service's figures and exports (the manager's view). */
  readonly insights?: Omit<InsightsDeps, 'team' | 'log'>;
  /** Risks and communication needs per case. */
  readonly risks?: RiskStore;
  /** Assessed needs, agreed actions and the care plan per case. */
  readonly carePlans?: CarePlanStore;
  /** One-time questionnaire links: the API for link workers, the pages for the person. */
  readonly questionnaireLinks?: LinkDeps;
  /** The service's diary of appointments (kept locally). */
  readonly diary?: DiaryStore;
  /** Case holders and cover (team caseload). */
  readonly assignments?: AssignmentStore;
  /** Referrals from anyone: sources, local-only cases, finding the person on the EHR. */
  readonly referralIntake?: { readonly intake: IntakeStore; readonly gateway: FhirGateway };
}

/** The adapter's HTTP app: JWKS, the rest-hook endpoint, and the link-worker API under /api. */
export function createApp(
  config: Pick<AdapterConfig, 'maxBodyBytes'>,
  deps: AppDeps,
): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    const id = requestId(req, res);
    const started = Date.now();
    res.on('finish', () => {
      // Method, route shape, status and timing only: paths carry no patient data but ids do not need logging.
      deps.log.info('http', {
        request: id,
        method: req.method,
        route: req.route ? String((req.route as { path: unknown }).path) : req.path.split('/')[1],
        status: res.statusCode,
        ms: Date.now() - started,
      });
    });
    next();
  });
  app.use(securityHeaders(deps.webApp?.issuer));

  app.get('/.well-known/jwks.json', (_req, res) => {
    res.json(deps.jwks);
  });

  // The longest paths first: `/fhir-hook` would also take `/fhir-hook/<endpoint>/Task/1`.
  const hooks = [...(deps.hooks ?? [{ path: '/fhir-hook', inbound: deps.inbound }])].sort(
    (a, b) => b.path.length - a.path.length,
  );
  for (const hook of hooks) {
    app.use(fhirHook({ ...deps, ...hook, maxBodyBytes: config.maxBodyBytes }));
  }

  const api = express.Router();
  api.use(express.json({ limit: config.maxBodyBytes }));
  api.use(async (req: Request, _res, next) => {
    (req as Request & { worker: unknown }).worker = await deps.authenticate(
      req.get('authorization'),
    );
    next();
  });
  const routeDeps = { ...deps, names: deps.team };
  api.use(caseAudit(routeDeps));
  api.use(caseRoutes(routeDeps));
  if (deps.communityDirectory) api.use(deps.communityDirectory.api(routeDeps));
  api.use(recordRoutes(routeDeps));
  api.use(consentRoutes(routeDeps));
  api.use(teamRoutes(routeDeps));
  if (deps.caseload) api.use(caseloadRoutes({ ...routeDeps, ...deps.caseload }));
  if (deps.insights) api.use(insightsRoutes({ ...routeDeps, ...deps.insights }));
  if (deps.diary) {
    api.use(diaryRoutes({ ...routeDeps, diary: deps.diary, referrals: deps.caseload?.referrals }));
  }
  if (deps.assignments) api.use(assignmentRoutes({ ...routeDeps, assignments: deps.assignments }));
  if (deps.referralIntake) api.use(intakeRoutes({ ...routeDeps, ...deps.referralIntake }));
  app.use('/api', api);
  if (deps.communityDirectory) app.use(deps.communityDirectory.coordinator);
  if (deps.risks) api.use(riskRoutes({ ...routeDeps, risks: deps.risks }));
  if (deps.carePlans) api.use(carePlanRoutes({ ...routeDeps, carePlans: deps.carePlans }));
  if (deps.questionnaireLinks)
    api.use(questionnaireLinkApi({ ...routeDeps, ...deps.questionnaireLinks }));
  app.use('/api', api);
  if (deps.questionnaireLinks)
    app.use(questionnaireLinkPages({ ...deps, ...deps.questionnaireLinks }));
  if (deps.webApp) app.use(webApp(deps.webApp));

  app.use((_req, res) => {
    res.status(404).json(notFound('No such endpoint.').toBody(String(res.locals.requestId)));
  });
  // Express knows an error handler by its four parameters.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const failure = toApiError(error);
    if (failure.status >= 500) {
      deps.log.error('http.error', {
        request: String(res.locals.requestId),
        error: error instanceof Error ? error.name : 'unknown',
      });
    }
    res.status(failure.status).json(failure.toBody(String(res.locals.requestId)));
  });
  return app;
}
