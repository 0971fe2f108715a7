import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import helmet from 'helmet';
import { DIST_DIR } from './build';

export interface SmartAppServerOptions {
  /** 0 picks a free port. */
  readonly port: number;
  readonly distDir?: string;
  readonly host?: string;
  /** Served as /app-config.json: the client id and resource scopes to ask for (see src/smart/app-config.ts). */
  readonly appConfig?: { readonly clientId?: string; readonly resourceScopes?: string };
  /**
   * Origins of the EHRs that may frame the app and whose FHIR and OAuth endpoints it calls (CSP
   * frame-ancestors and connect-src). Default: loopback on any port, for development and tests.
   */
  readonly ehrOrigins?: readonly string[];
}

export const DEV_EHR_ORIGINS: readonly string[] = ['http://localhost:*', 'http://127.0.0.1:*'];

/** helmet-set headers: a CSP that loads only the app's own files, nosniff, no Referer. */
function securityHeaders(ehrOrigins: readonly string[]) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ...ehrOrigins],
        frameAncestors: ["'self'", ...ehrOrigins],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    // The redirect URL carries the authorization code: never leak it in a Referer header.
    referrerPolicy: { policy: 'no-referrer' },
    // Framed by an EHR on another origin: frame-ancestors says which; X-Frame-Options cannot.
    xFrameOptions: false,
    strictTransportSecurity: false,
  });
}

export interface SmartAppServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

function send(res: ServerResponse, file: string): void {
  const immutable = file.includes(`${sep}assets${sep}`);
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(file).pipe(res);
}

/** The file a path names inside dist, or undefined (outside dist, a folder, or missing). */
function fileFor(distDir: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const file = normalize(join(distDir, decoded));
  if (!file.startsWith(distDir + sep)) return undefined;
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

function handler(distDir: string, options: SmartAppServerOptions) {
  const headers = securityHeaders(options.ehrOrigins ?? DEV_EHR_ORIGINS);
  return (req: IncomingMessage, res: ServerResponse): void => {
    headers(req, res, () => {
      serveFile(distDir, options, req, res);
    });
  };
}

function serveFile(
  distDir: string,
  options: SmartAppServerOptions,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  if (pathname === '/app-config.json') {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache' });
    res.end(JSON.stringify(options.appConfig ?? {}));
    return;
  }
  if (pathname === '/launch') {
    send(res, join(distDir, 'launch.html'));
    return;
  }
  const file = fileFor(distDir, pathname);
  if (file !== undefined) {
    send(res, file);
    return;
  }
  // A missing asset is a 404; any other path is the single-page app.
  if (extname(pathname) !== '') {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  send(res, join(distDir, 'index.html'));
}

/** Serves the built GP app (static files with SPA fallback) on the given port. */
export async function serveSmartApp(options: SmartAppServerOptions): Promise<SmartAppServer> {
  const distDir = normalize(options.distDir ?? DIST_DIR);
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new Error(`No built GP app in ${distDir}: call ensureSmartAppBuilt() first.`);
  }
  const server = createServer(handler(distDir, options));
  const host = options.host ?? 'localhost';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
