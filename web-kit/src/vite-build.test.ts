import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sourceFingerprint, type ViteApp } from './vite-build';

function workspace(files: Record<string, string>): ViteApp {
  const root = mkdtempSync(join(tmpdir(), 'lw-web-kit-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return { appDir: join(root, 'app'), sources: ['src', 'index.html'], label: 'test app' };
}

describe('sourceFingerprint', () => {
  const files = {
    'app/src/main.tsx': 'render()',
    'app/src/main.test.tsx': 'test()',
    'app/index.html': '<html></html>',
    'web-kit/nhs.css': 'body {}',
    'profiles/src/index.ts': 'export {}',
  };

  it('is the same for the same sources and ignores tests', () => {
    expect(sourceFingerprint(workspace(files))).toBe(
      sourceFingerprint(workspace({ ...files, 'app/src/main.test.tsx': 'changed()' })),
    );
  });

  it('changes with the app, the shared stylesheet or the profiles module', () => {
    const base = sourceFingerprint(workspace(files));
    for (const changed of ['app/src/main.tsx', 'web-kit/nhs.css', 'profiles/src/index.ts']) {
      expect(sourceFingerprint(workspace({ ...files, [changed]: 'other' }))).not.toBe(base);
    }
  });
});
