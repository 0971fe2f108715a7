import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningAdapter } from '@linkwell/fhir-server-adapter';
import { MemoryGateway } from '@linkwell/test-kit';
import { startTestAdapter } from '../adapter/support/adapter-env';

// The adapter's own origin: the link-worker app's pages and the API, as a browser would get them.
let adapter: RunningAdapter;

beforeAll(async () => {
  const dist = mkdtempSync(join(tmpdir(), 'linkwell-lw-dist-'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>');
  adapter = await startTestAdapter(
    'http://127.0.0.1:9/fhir',
    'svc-a',
    {},
    {
      gateway: new MemoryGateway(),
      webAppDir: dist,
    },
  );
});
afterAll(() => adapter.stop());

describe('adapter security headers and request ids', () => {
  it('sends a CSP that forbids framing and foreign scripts on pages, and deny-all on the API', async () => {
    const page = await fetch(`${adapter.url}/cases/1`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    for (const directive of ["script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const config = await fetch(`${adapter.url}/app-config.json`);
    expect(await config.json()).toMatchObject({ resource: 'http://localhost:1' });
    for (const response of [page, config, await fetch(`${adapter.url}/api/cases`)]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
    const json = await fetch(`${adapter.url}/api/cases`);
    expect(json.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('never echoes an unsafe x-request-id, in the header or the error body', async () => {
    const evil = 'x\u2028{"level":"error"}';
    const answer = await fetch(`${adapter.url}/api/cases`, {
      headers: { 'x-request-id': encodeURIComponent(evil) + '<>' },
    });
    const id = answer.headers.get('x-request-id') ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await answer.json()) as { error: { requestId: string } }).error.requestId).toBe(id);
    const kept = await fetch(`${adapter.url}/api/cases`, {
      headers: { 'x-request-id': 'trace-1.a_b' },
    });
    expect(kept.headers.get('x-request-id')).toBe('trace-1.a_b');
  });
});
