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
import { join, relative } from 'node:path';
import { runCommand } from '@linkwell/service-kit';

/** One Vite app of ours: where it lives, what its bundle is made from, and its name in logs. */
export interface ViteApp {
  readonly appDir: string;
  /** Paths relative to appDir whose content the bundle depends on (folders are walked). */
  readonly sources: readonly string[];
  readonly label: string;
}

const STAMP = '.source-fingerprint';
const LOCK_TIMEOUT_MS = 300_000;
// Every app also depends on the shared stylesheet, nhsuk-frontend (its pinned version and the plugin
// that makes its CSS offline) and the profiles and contracts modules.
const SHARED_SOURCES = [
  '../web-kit/nhs.css',
  '../web-kit/src/nhsuk-frontend-css.ts',
  '../web-kit/package.json',
  '../profiles/src',
  '../contracts/src',
];

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => !name.endsWith('.test.ts') && !name.endsWith('.test.tsx'))
    .flatMap((name) => files(join(path, name)));
}

/** A hash of every source file's path and content: a new hash means the bundle is stale. */
export function sourceFingerprint(app: ViteApp): string {
  const hash = createHash('sha256');
  const sources = [...app.sources, ...SHARED_SOURCES];
  for (const file of sources.flatMap((source) => files(join(app.appDir, source))).sort()) {
    hash.update(relative(app.appDir, file)).update('\0').update(readFileSync(file)).update('\0');
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

async function viteBuild(app: ViteApp, log: (line: string) => void): Promise<void> {
  const vite = join(app.appDir, '..', 'node_modules', '.bin', 'vite');
  const result = await runCommand(vite, ['build', '--logLevel', 'warn'], {
    cwd: app.appDir,
    keep: 16_384,
  });
  if (result.code !== 0)
    throw new Error(
      `vite build of the ${app.label} failed (exit ${String(result.code)}):\n${result.output}`,
    );
  log(`${app.label} built`);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `vite build` only when dist is missing or the sources changed, and returns the dist folder.
 * A lock folder makes parallel callers (test workers, `npm start`) wait for one build.
 */
export async function ensureViteBuilt(
  app: ViteApp,
  log: (line: string) => void = () => undefined,
): Promise<string> {
  const distDir = join(app.appDir, 'dist');
  const lock = join(app.appDir, '.build-lock');
  const fingerprint = sourceFingerprint(app);
  if (isFresh(distDir, fingerprint)) return distDir;
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than the timeout is left over from a killed build.
      const lockAge =
        Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (lockAge > LOCK_TIMEOUT_MS) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting for another ${app.label} build (${lock})`);
      }
      await sleep(500);
      if (isFresh(distDir, fingerprint)) return distDir;
    }
  }
  try {
    if (!isFresh(distDir, fingerprint)) {
      log(`building the ${app.label} (vite build)…`);
      await viteBuild(app, log);
      writeFileSync(join(distDir, STAMP), fingerprint);
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  return distDir;
}
