import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// The repository stands alone: nothing `npm start` or `npm test` runs may read a folder beside the
// checkout (such as a team's shared notes). Checks every tracked source, script and config file.
const ROOT = resolve(__dirname, '..');
const OUTSIDE = [/\.\.\/shared\b/, /\/work\/shared\b/, /'\.\.',\s*'\.\.',\s*'\.\.',\s*'shared'/];

function trackedFiles(): string[] {
  const listed = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' });
  return listed
    .split('\n')
    .filter((file) => /\.(ts|tsx|cjs|mjs|js|json|sh)$/.test(file) || file.startsWith('.ci/'))
    .filter((file) => !file.startsWith('sandbox/fixtures/') && file !== 'package-lock.json');
}

describe('the repository stands alone', () => {
  it('no tracked file points outside the checkout for data', () => {
    const offenders = trackedFiles().filter((file) => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      return OUTSIDE.some((pattern) => pattern.test(text));
    });
    expect(offenders).toEqual([]);
  });

  it('ships the seed patients with their licence', () => {
    const files = trackedFiles().filter((f) => f.startsWith('sandbox/fixtures/'));
    const listed = execFileSync('git', ['ls-files', 'sandbox/fixtures'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(files).toEqual([]);
    expect(listed).toContain('sandbox/fixtures/synthea-r4/LICENSE');
    expect(listed.split('\n').filter((f) => f.endsWith('.json')).length).toBe(6);
  });
});
