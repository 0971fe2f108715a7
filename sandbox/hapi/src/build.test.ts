import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sourceFingerprint } from './build';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lw-hapi-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

describe('sourceFingerprint', () => {
  const files = { 'pom.xml': '<project/>', 'src/main/java/A.java': 'class A {}' };

  it('is stable for the same sources', () => {
    expect(sourceFingerprint(project(files))).toBe(sourceFingerprint(project(files)));
  });

  it('changes when a source file or the pom changes', () => {
    const base = sourceFingerprint(project(files));
    expect(
      sourceFingerprint(project({ ...files, 'src/main/java/A.java': 'class A { }' })),
    ).not.toBe(base);
    expect(sourceFingerprint(project({ ...files, 'pom.xml': '<project></project>' }))).not.toBe(
      base,
    );
    expect(sourceFingerprint(project({ ...files, 'src/main/resources/x.xml': '' }))).not.toBe(base);
  });
});
