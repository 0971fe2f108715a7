import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveSmartApp } from '@linkwell/smart-app';
import { ehrBase } from '../ehr/support/ehr-env';

// Security headers on the EHR sandbox (helmet): its pages may be framed only by itself, may frame
// and post on to registered apps only, load nothing inline but their own hashed stylesheet; its
// JSON endpoints deny everything; all send nosniff and no Referer.
const APP_ORIGIN = 'http://localhost:8091';

function directives(csp: string | null): Map<string, string[]> {
  return new Map(
    (csp ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0] !== undefined && words[0] !== '')
      .map(([name = '', ...values]) => [name, values]),
  );
}

describe('security headers', () => {
  it('the launch page: framed by the sandbox only, frames registered apps, its style hashed', async () => {
    const response = await fetch(`${ehrBase()}/`);
    const html = await response.text();
    expect(response.status).toBe(200);
    const csp = directives(response.headers.get('content-security-policy'));
    expect(csp.get('frame-ancestors')).toEqual(["'self'"]);
    expect(csp.get('frame-src')).toEqual(expect.arrayContaining(["'self'", APP_ORIGIN]));
    expect(csp.get('frame-src')).not.toContain('*');
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    // The one inline stylesheet the page really carries is the one the policy allows.
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const hash = `'sha256-${createHash('sha256').update(style).digest('base64')}'`;
    expect(csp.get('style-src')).toEqual(["'self'", hash]);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('sign-in redirects and forms may go on to registered apps only', async () => {
    const response = await fetch(`${ehrBase()}/auth?client_id=unknown`, { redirect: 'manual' });
    const csp = directives(response.headers.get('content-security-policy'));
    expect(csp.get('form-action')).toEqual(expect.arrayContaining(["'self'", APP_ORIGIN]));
    expect(csp.get('form-action')).not.toContain('http://evil.example');
    expect(csp.get('frame-ancestors')).toEqual(["'self'"]);
  });

  it('FHIR and OAuth endpoints: deny-all CSP, never framed, still readable cross-origin', async () => {
    for (const path of ['/fhir/metadata', '/.well-known/openid-configuration', '/jwks']) {
      const response = await fetch(`${ehrBase()}${path}`, { headers: { origin: APP_ORIGIN } });
      expect([path, response.status]).toEqual([path, 200]);
      const csp = directives(response.headers.get('content-security-policy'));
      expect(csp.get('default-src')).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cross-origin-resource-policy')).toBeNull();
    }
    const fhir = await fetch(`${ehrBase()}/fhir/metadata`, { headers: { origin: APP_ORIGIN } });
    expect(fhir.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
  });

  it('the GP app: framed and called only by the configured EHR origins, its own files only', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'security-gp-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<p>app</p>');
    writeFileSync(join(dist, 'launch.html'), '<p>launch</p>');
    const ehr = 'https://ehr.example.nhs.uk';
    const app = await serveSmartApp({ port: 0, distDir: dist, ehrOrigins: [ehr] });
    try {
      for (const path of ['/', '/launch', '/assets/missing.js', '/app-config.json']) {
        const response = await fetch(`${app.url}${path}`);
        const csp = directives(response.headers.get('content-security-policy'));
        expect([path, csp.get('frame-ancestors')]).toEqual([path, ["'self'", ehr]]);
        expect(csp.get('connect-src')).toEqual(["'self'", ehr]);
        expect(csp.get('script-src')).toEqual(["'self'"]);
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('referrer-policy')).toBe('no-referrer');
        expect(response.headers.get('x-frame-options')).toBeNull();
      }
    } finally {
      await app.close();
    }
  });
});
