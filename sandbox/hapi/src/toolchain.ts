import { runCommand } from '@linkwell/service-kit';
import { HapiLaunchError } from './errors';

const INSTALL_HINT =
  'Install Java 17+ and Maven (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless maven), ' +
  'or put them on PATH, then run the command again.';

/** Fails with an actionable message unless `java` is 17 or newer. */
export async function checkJava(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const result = await runCommand('java', ['-version'], { env });
  if (result.code !== 0) {
    throw new HapiLaunchError(`Java was not found (needed to run HAPI FHIR). ${INSTALL_HINT}`);
  }
  const major = /version "(\d+)/.exec(result.output)?.[1];
  if (major === undefined || Number(major) < 17) {
    throw new HapiLaunchError(
      `HAPI FHIR 8 needs Java 17 or newer; found: ${result.output.split('\n')[0] ?? 'unknown'}. ${INSTALL_HINT}`,
    );
  }
}

/** Fails with an actionable message unless `mvn` runs. */
export async function checkMaven(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const result = await runCommand('mvn', ['-v'], { env });
  if (result.code !== 0) {
    throw new HapiLaunchError(`Maven was not found (needed to build HAPI FHIR). ${INSTALL_HINT}`);
  }
}
