import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runCommand, tail } from '@linkwell/service-kit';
import { HapiLaunchError } from './errors';
import { checkJava, checkMaven } from './toolchain';

/** Where our Maven launcher project lives and what its build produces. */
export const SERVER_DIR = join(__dirname, '..', 'server');
export const SERVER_JAR = join(SERVER_DIR, 'target', 'linkwell-hapi.jar');
const FINGERPRINT_FILE = join(SERVER_DIR, 'target', '.linkwell-build-fingerprint');

export interface BuildResult {
  built: boolean;
  jar: string;
  millis: number;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : [path];
  });
}

/** A hash of the pom and every source file: the jar is rebuilt only when this changes. */
export function sourceFingerprint(serverDir = SERVER_DIR): string {
  const hash = createHash('sha256');
  const files = [join(serverDir, 'pom.xml'), ...sourceFiles(join(serverDir, 'src'))].sort();
  for (const file of files) {
    hash.update(relative(serverDir, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

/** Builds the launcher jar when it is missing or its sources changed since the last build. */
export async function ensureHapiBuilt(
  log: (line: string) => void = () => undefined,
): Promise<BuildResult> {
  await checkJava();
  const fingerprint = sourceFingerprint();
  const upToDate =
    existsSync(SERVER_JAR) &&
    existsSync(FINGERPRINT_FILE) &&
    readFileSync(FINGERPRINT_FILE, 'utf8') === fingerprint;
  if (upToDate) return { built: false, jar: SERVER_JAR, millis: 0 };

  await checkMaven();
  log(
    'Building the HAPI FHIR launcher (first run downloads HAPI from Maven Central; a few minutes)…',
  );
  const started = Date.now();
  const result = await runCommand('mvn', ['-q', '-B', 'package', '-DskipTests'], {
    cwd: SERVER_DIR,
  });
  if (result.code !== 0 || !existsSync(SERVER_JAR)) {
    throw new HapiLaunchError(
      `Building the HAPI FHIR launcher failed (mvn package in ${SERVER_DIR}). ` +
        `Check network access to Maven Central and the output below:\n${tail(result.output)}`,
    );
  }
  writeFileSync(FINGERPRINT_FILE, fingerprint);
  const millis = Date.now() - started;
  log(`Built the HAPI FHIR launcher in ${(millis / 1000).toFixed(0)} s.`);
  return { built: true, jar: SERVER_JAR, millis };
}
