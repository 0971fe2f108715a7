import type { AddressInfo } from 'node:net';
import express from 'express';
import { requestId, securityHeaders } from './http-security';

async function withApp<T>(run: (url: string) => Promise<T>): Promise<T> {
  const app = express();
  app.use((req, res, next) => {
    requestId(req, res);
    next();
  });
  app.use(securityHeaders('http://localhost:8090/'));
  app.get(/.*/, (_req, res) => res.send('ok'));
  const server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    return await run(`http://localhost:${(server.address() as AddressInfo).port}`);
  } finally {
    server.close();
  }
}

describe('the adapter HTTP security', () => {
  it('lets pages run their own scripts and reach the adapter and the issuer only, never framed', () =>
    withApp(async (url) => {
      const page = await fetch(`${url}/caseload`);
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self' http://localhost:8090");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      const json = await fetch(`${url}/api/cases`);
      expect(json.headers.get('content-security-policy')).toBe(
        "default-src 'none';frame-ancestors 'none'",
      );
    }));

  it('keeps a safe x-request-id and replaces anything else', () =>
    withApp(async (url) => {
      const id = async (value: string): Promise<string | null> =>
        (await fetch(url, { headers: { 'x-request-id': value } })).headers.get('x-request-id');
      expect(await id('abc-123_X.9')).toBe('abc-123_X.9');
      for (const bad of ['<script>', 'a'.repeat(65), 'a b', '{"level":"error"}']) {
        expect(await id(bad)).toMatch(/^[0-9a-f-]{36}$/);
      }
    }));
});
