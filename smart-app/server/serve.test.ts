import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveSmartApp, type SmartAppServer } from './serve';

let server: SmartAppServer;

beforeAll(async () => {
  const dist = mkdtempSync(join(tmpdir(), 'smart-app-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<p>app</p>');
  writeFileSync(join(dist, 'launch.html'), '<p>launch</p>');
  writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
  server = await serveSmartApp({ port: 0, distDir: dist, appConfig: { clientId: 'test-id' } });
});

afterAll(() => server.close());

const get = async (path: string) => {
  const response = await fetch(`${server.url}${path}`);
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    text: await response.text(),
  };
};

it('serves files, the launch URL, the app config and falls back to the app', async () => {
  expect((await get('/assets/app.js')).type).toContain('text/javascript');
  expect((await get('/launch')).text).toBe('<p>launch</p>');
  expect(JSON.parse((await get('/app-config.json')).text)).toEqual({ clientId: 'test-id' });
  expect((await get('/?code=abc&state=1')).text).toBe('<p>app</p>');
  expect((await get('/referrals/123')).text).toBe('<p>app</p>');
  expect((await get('/assets/missing.js')).status).toBe(404);
  expect((await get('/..%2f..%2fetc%2fpasswd')).status).toBe(404);
});
