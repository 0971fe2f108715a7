import { randomUUID } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type Provider from 'oidc-provider';
import { allowedOrigins, type ClientRegistry } from './clients';
import type { EhrConfig } from './config';
import { interactionRoutes } from './interactions';
import { launchPageRoutes } from './launch-page';
import type { LaunchStore } from './launch-store';
import type { Logger } from './log';
import { OperationOutcomeError } from './outcome';
import { operationOutcome } from '@linkwell/profiles';
import { fhirProxy, type FhirAccess } from './proxy';
import { securityHeaders } from './security-headers';
import type { TokenVerifier } from './token-verifier';

export interface AppDeps {
  provider: Provider;
  clients: ClientRegistry;
  launches: LaunchStore;
  verify: TokenVerifier;
  log: Logger;
}

const CORS_HEADERS =
  'authorization, content-type, accept, prefer, if-match, if-none-match, if-none-exist, x-request-id';

/** The whole sandbox as one Express app; `main.ts` listens, tests start it as a child process. */
export function createApp(config: EhrConfig, deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  const origins = allowedOrigins(deps.clients);

  app.use((req: Request, res: Response, next: NextFunction) => {
    const header = req.headers['x-request-id'];
    const requestId =
      typeof header === 'string' && /^[\w-]{1,64}$/.test(header) ? header : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    const started = Date.now();
    res.on('finish', () => {
      deps.log.info('request', {
        requestId,
        method: req.method,
        // The path without its query: queries can carry patient identifiers.
        route: req.path.startsWith('/fhir')
          ? `/fhir${res.locals.resourceType ? `/${String(res.locals.resourceType)}` : ''}`
          : req.path.split('/').slice(0, 2).join('/'),
        status: res.statusCode,
        client: typeof res.locals.client === 'string' ? res.locals.client : undefined,
        ms: Date.now() - started,
      });
      const audit = res.locals.audit as FhirAccess | undefined;
      if (audit !== undefined) {
        deps.log.info('fhir.access', { requestId, ...audit, status: res.statusCode });
      }
    });
    next();
  });

  app.use(securityHeaders(deps.clients));

  app.use('/fhir', (req, res, next) => {
    const origin = req.headers.origin;
    if (origin !== undefined && origins.has(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'origin');
      res.setHeader(
        'access-control-expose-headers',
        'location, etag, content-location, x-request-id',
      );
      if (req.method === 'OPTIONS') {
        res.setHeader('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE');
        res.setHeader('access-control-allow-headers', CORS_HEADERS);
        res.setHeader('access-control-max-age', '600');
        res.status(204).end();
        return;
      }
    }
    next();
  });
  app.use('/fhir', fhirProxy(config, { verify: deps.verify }));
  app.use(launchPageRoutes(config, deps));
  app.use(interactionRoutes(config, deps));
  app.use(deps.provider.callback());

  app.use(
    // Express recognises an error handler by its four parameters.
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    (error: unknown, req: Request, res: Response, _next: NextFunction) => {
      if (error instanceof OperationOutcomeError) {
        if (error.status === 401) res.setHeader('www-authenticate', 'Bearer error="invalid_token"');
        res
          .status(error.status ?? 500)
          .type('application/fhir+json')
          .send(JSON.stringify(error.toOutcome()));
        return;
      }
      deps.log.error('unhandled', {
        requestId: String(res.locals.requestId),
        error: (error as Error).name,
        message: (error as Error).message,
      });
      const outcome = operationOutcome('exception', 'the EHR sandbox failed to handle the request');
      if (req.path.startsWith('/fhir'))
        res.status(500).type('application/fhir+json').send(JSON.stringify(outcome));
      else
        res
          .status(500)
          .type('text/plain')
          .send('The EHR sandbox failed to handle the request; see its log.');
    },
  );
  return app;
}
