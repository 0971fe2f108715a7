import { isAbsolute, join, resolve } from 'node:path';
import { ConfigError, envFlag, envInteger, envValue, httpUrl } from '@linkwell/service-kit';

export { ConfigError };

/** Everything the EHR sandbox is told through the environment (documented in README and .env.example). */
export interface EhrConfig {
  readonly port: number;
  /** Where browsers and apps reach the sandbox, without a trailing slash. */
  readonly publicUrl: string;
  /** The FHIR base apps use: `<publicUrl>/fhir`; the `aud` of every access token. */
  readonly fhirBase: string;
  /** The HAPI FHIR base the proxy forwards to. */
  readonly fhirUpstream: string;
  readonly keysDir: string;
  /** One or more client registration files (comma-separated in EHR_CLIENTS_FILE). */
  readonly clientsFiles: readonly string[];
  readonly loadSeed: boolean;
  readonly launchTtlSeconds: number;
  readonly codeTtlSeconds: number;
  readonly accessTokenTtlSeconds: number;
}

/** The repository root, found from this file so defaults work from any working directory. */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

function fromRoot(path: string): string {
  return isAbsolute(path) ? path : resolve(REPO_ROOT, path);
}

/** Builds the one frozen config at start; throws a ConfigError a person can act on. */
export function loadConfig(env: NodeJS.ProcessEnv): EhrConfig {
  const port = envInteger(env, 'EHR_PORT', 8090, 65535);
  const publicUrl = httpUrl(
    'EHR_PUBLIC_URL',
    envValue(env, 'EHR_PUBLIC_URL') ?? `http://localhost:${port}`,
  );
  const clientsFiles = (envValue(env, 'EHR_CLIENTS_FILE') ?? join('sandbox', 'ehr', 'clients.json'))
    .split(',')
    .map((file) => file.trim())
    .filter((file) => file !== '')
    .map(fromRoot);
  return Object.freeze({
    port,
    publicUrl,
    fhirBase: `${publicUrl}/fhir`,
    fhirUpstream: httpUrl(
      'EHR_FHIR_UPSTREAM',
      envValue(env, 'EHR_FHIR_UPSTREAM') ?? 'http://localhost:8080/fhir',
    ),
    keysDir: fromRoot(envValue(env, 'EHR_KEYS_DIR') ?? join('.data', 'ehr', 'keys')),
    clientsFiles: Object.freeze(clientsFiles),
    loadSeed: envFlag(env, 'EHR_LOAD_SEED', true),
    launchTtlSeconds: envInteger(env, 'EHR_LAUNCH_TTL_SECONDS', 600, 86_400),
    codeTtlSeconds: envInteger(env, 'EHR_CODE_TTL_SECONDS', 60, 3600),
    accessTokenTtlSeconds: envInteger(env, 'EHR_ACCESS_TOKEN_TTL_SECONDS', 3600, 86_400),
  });
}
