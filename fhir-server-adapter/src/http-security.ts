import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

// Request ids a caller may choose: short and inert in a log line or a header; anything else is replaced.
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The caller's `x-request-id` when it is safe, else a fresh one; echoed and kept in `res.locals`. */
export function requestId(req: Request, res: Response): string {
  const given = req.get('x-request-id');
  const id = given !== undefined && REQUEST_ID.test(given) ? given : randomUUID();
  res.locals.requestId = id;
  res.set('x-request-id', id);
  return id;
}

// The adapter's own endpoints: JSON for the app and the FHIR server, never a page.
const API = /^\/(api|fhir-hook|\.well-known)(\/|$)/;

/**
 * Security headers, set by helmet: the link-worker app's pages may run only their own scripts and
 * talk only to the adapter and the sign-in issuer, and are never framed; the API's JSON sends a
 * deny-all CSP. Both: nosniff and no Referer (the sign-in callback URL carries the code).
 */
export function securityHeaders(issuer: string | undefined): RequestHandler {
  const common = { referrerPolicy: { policy: 'no-referrer' as const } };
  const issuerOrigin = issuer === undefined ? [] : [new URL(issuer).origin];
  const pages = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ...issuerOrigin],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    xFrameOptions: { action: 'deny' },
  });
  const api = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
    xFrameOptions: { action: 'deny' },
  });
  return (req: Request, res: Response, next: NextFunction) => {
    (API.test(req.path) ? api : pages)(req, res, next);
  };
}
