import { existsSync } from 'node:fs';
import { extname, join, sep } from 'node:path';
import express, { Router } from 'express';

/** The built link-worker app and what its sign-in needs to know. */
export interface WebAppOptions {
  /** A Vite build (`link-worker-app/dist`) with an index.html. */
  readonly distDir: string;
  /** The OpenID Connect issuer link workers sign in with; undefined when sign-in is not set up. */
  readonly issuer: string | undefined;
  readonly clientId: string;
  /** The resource indicator the app asks an access token for: the API's audience. */
  readonly resource: string;
}

// Paths that belong to the adapter itself and never fall back to the app.
const ADAPTER_PATHS = /^\/(api|fhir-hook|\.well-known)(\/|$)/;

/**
 * Serves the link-worker app at `/`: `/app-config.json` for its sign-in, static files, and
 * index.html for any other GET that is not an adapter path or a missing asset (SPA fallback).
 */
export function webApp(options: WebAppOptions): Router {
  if (!existsSync(join(options.distDir, 'index.html'))) {
    throw new Error(`No built link-worker app in ${options.distDir}: build it first.`);
  }
  const router = Router();
  router.get('/app-config.json', (_req, res) => {
    res.set('cache-control', 'no-cache');
    res.json({
      issuer: options.issuer ?? null,
      clientId: options.clientId,
      resource: options.resource,
    });
  });
  router.use(
    express.static(options.distDir, {
      index: false,
      setHeaders: (res, file) => {
        res.set(
          'cache-control',
          file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    }),
  );
  router.use((req, res, next) => {
    const isPage =
      (req.method === 'GET' || req.method === 'HEAD') &&
      !ADAPTER_PATHS.test(req.path) &&
      extname(req.path) === '';
    if (!isPage) {
      next();
      return;
    }
    res.set('cache-control', 'no-cache');
    res.sendFile(join(options.distDir, 'index.html'));
  });
  return router;
}
