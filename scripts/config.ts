import { join, resolve } from 'node:path';

/** Everything `npm start` can be told through the environment (documented in the README). */
export interface StartConfig {
  readonly hapiPort: number;
  readonly ehrPort: number;
  readonly smartAppPort: number;
  readonly dataDir: string;
  readonly fixturesDir: string;
  readonly profilesDir: string;
  /** The synthetic Open Referral UK feed the adapter imports the directory from. */
  readonly orukFeedPort: number;
  /** How many services the synthetic feed serves. */
  readonly orukFeedServices: number;
  /**
   * GP practices, each its own EHR (a HAPI and an EHR sandbox) behind the one adapter: 1, or 2 for
   * a second practice on ports of its own.
   */
  readonly practices: 1 | 2;
  readonly secondHapiPort: number;
  readonly secondEhrPort: number;
}

const ROOT = resolve(__dirname, '..');

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`${name} must be a port number between 1 and 65535, not "${raw}".`);
  }
  return value;
}

function practices(raw: string | undefined): 1 | 2 {
  if (raw === undefined || raw === '' || raw === '1') return 1;
  if (raw === '2') return 2;
  throw new Error(`LINKWELL_PRACTICES must be 1 or 2, not "${raw}".`);
}

export function loadStartConfig(env: NodeJS.ProcessEnv): StartConfig {
  return Object.freeze({
    hapiPort: port(env, 'HAPI_PORT', 8080),
    ehrPort: port(env, 'EHR_PORT', 8090),
    smartAppPort: port(env, 'SMART_APP_PORT', 8091),
    dataDir: resolve(ROOT, env.LINKWELL_DATA_DIR ?? '.data'),
    fixturesDir: resolve(
      ROOT,
      env.LINKWELL_FIXTURES_DIR ?? join('sandbox', 'fixtures', 'synthea-r4'),
    ),
    profilesDir: join(ROOT, 'profiles', 'fhir'),
    orukFeedPort: port(env, 'ORUK_FEED_PORT', 8093),
    orukFeedServices: port(env, 'ORUK_FEED_SERVICES', 300),
    practices: practices(env.LINKWELL_PRACTICES),
    secondHapiPort: port(env, 'HAPI_B_PORT', 8081),
    secondEhrPort: port(env, 'EHR_B_PORT', 8094),
  });
}
