import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** The link-worker-app folder, found from this file so it works from any working directory. */
export const APP_DIR = resolve(__dirname, '..');
export const DIST_DIR = join(APP_DIR, 'dist');
const STAMP = '.source-fingerprint';
const LOCK = join(APP_DIR, '.build-lock');
// What the bundle is made from: our sources, the profiles module it imports, and the build config.
const SOURCES = ['src', 'index.html', 'vite.config.mts', 'package.json', '../profiles/src'];

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => !name.endsWith('.test.ts') && !name.endsWith('.test.tsx'))
    .flatMap((name) => files(join(path, name)));
}

/** A hash of every source file's path and content: a new hash means the bundle is stale. */
export function sourceFingerprint(appDir: string = APP_DIR): string {
  const hash = createHash('sha256');
  for (const file of SOURCES.flatMap((source) => files(join(appDir, source))).sort()) {
    hash.update(relative(appDir, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function isFresh(distDir: string, fingerprint: string): boolean {
  const stamp = join(distDir, STAMP);
  return (
    existsSync(join(distDir, 'index.html')) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8') === fingerprint
  );
}

function viteBuild(log: (line: string) => void): Promise<void> {
  const vite = join(APP_DIR, '..', 'node_modules', '.bin', 'vite');
  return new Promise((resolveBuild, reject) => {
    const child = spawn(vite, ['build', '--logLevel', 'warn'], {
      cwd: APP_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-16_384);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) {
        log('link-worker app built');
        resolveBuild();
      } else reject(new Error(`vite build failed (exit ${String(code)}):\n${output}`));
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `vite build` only when dist is missing or the sources changed. A lock folder makes parallel
 * callers (test workers, `npm start`) wait for one build instead of building twice.
 */
export async function ensureLinkWorkerAppBuilt(
  log: (line: string) => void = () => undefined,
): Promise<string> {
  const fingerprint = sourceFingerprint();
  if (isFresh(DIST_DIR, fingerprint)) return DIST_DIR;
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock older than the deadline is left over from a killed build.
      const lockAge =
        Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (lockAge > 300_000) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline)
        throw new Error(`Timed out waiting for another link-worker app build (${LOCK})`);
      await sleep(500);
      if (isFresh(DIST_DIR, fingerprint)) return DIST_DIR;
    }
  }
  try {
    if (!isFresh(DIST_DIR, fingerprint)) {
      log('building the link-worker app (vite build)…');
      await viteBuild(log);
      writeFileSync(join(DIST_DIR, STAMP), fingerprint);
    }
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
  return DIST_DIR;
}
