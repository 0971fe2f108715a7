import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { allowedOrigins, type ClientRegistry } from './clients';
import { page } from './html';

/** The CSP hash of the one inline stylesheet every sandbox page carries (see html.ts). */
function pageStyleHash(): string {
  const style = /<style>([\s\S]*?)<\/style>/.exec(page('', ''))?.[1] ?? '';
  return `'sha256-${createHash('sha256').update(style).digest('base64')}'`;
}

/** Paths answered cross-origin by apps (FHIR, discovery, token, JWKS): JSON, never framed. */
const API = /^\/(fhir|token|jwks|me|\.well-known)(\/|$)/;

/**
 * Security headers, set by helmet: a CSP for the sandbox's own pages (the launch page, the EHR page
 * that frames an app, the sign-in pages) and a deny-all one for its JSON endpoints; `nosniff`;
 * no Referer (authorization codes travel in URLs). Pages may be framed only by the sandbox itself
 * (its EHR page frames the app, which navigates that frame to /auth); they may frame and send
 * forms on to the registered apps' origins only.
 */
export function securityHeaders(clients: ClientRegistry): RequestHandler {
  const apps = [...allowedOrigins(clients)];
  const common = {
    referrerPolicy: { policy: 'no-referrer' as const },
    strictTransportSecurity: false, // plain http on localhost
  };
  const pages = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", pageStyleHash()],
        scriptSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameSrc: ["'self'", ...apps],
        // Chrome checks form-action on the redirects after a sign-in form: back to the app.
        formAction: ["'self'", ...apps],
        frameAncestors: ["'self'"],
      },
    },
    xFrameOptions: { action: 'sameorigin' },
  });
  const api = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
    // Apps on other origins read these with CORS.
    crossOriginResourcePolicy: false,
    xFrameOptions: { action: 'deny' },
  });
  return (req: Request, res: Response, next: NextFunction) => {
    (API.test(req.path) ? api : pages)(req, res, next);
  };
}
