import { isAbsolute, join, resolve } from 'node:path';

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

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function value(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  const parsed = Number(raw);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > max) {
    throw new ConfigError(`${name} must be a whole number between 1 and ${max}, not "${raw}".`);
  }
  return parsed;
}

function httpUrl(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an absolute http(s) URL, not "${raw}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${name} must use http or https, not "${url.protocol}".`);
  }
  return raw.replace(/\/+$/, '');
}

function fromRoot(path: string): string {
  return isAbsolute(path) ? path : resolve(REPO_ROOT, path);
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} must be true or false, not "${raw}".`);
}

/** Builds the one frozen config at start; throws a ConfigError a person can act on. */
export function loadConfig(env: NodeJS.ProcessEnv): EhrConfig {
  const port = integer(env, 'EHR_PORT', 8090, 65535);
  const publicUrl = httpUrl(
    'EHR_PUBLIC_URL',
    value(env, 'EHR_PUBLIC_URL') ?? `http://localhost:${port}`,
  );
  const clientsFiles = (value(env, 'EHR_CLIENTS_FILE') ?? join('sandbox', 'ehr', 'clients.json'))
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
      value(env, 'EHR_FHIR_UPSTREAM') ?? 'http://localhost:8080/fhir',
    ),
    keysDir: fromRoot(value(env, 'EHR_KEYS_DIR') ?? join('.data', 'ehr', 'keys')),
    clientsFiles: Object.freeze(clientsFiles),
    loadSeed: flag(env, 'EHR_LOAD_SEED', true),
    launchTtlSeconds: integer(env, 'EHR_LAUNCH_TTL_SECONDS', 600, 86_400),
    codeTtlSeconds: integer(env, 'EHR_CODE_TTL_SECONDS', 60, 3600),
    accessTokenTtlSeconds: integer(env, 'EHR_ACCESS_TOKEN_TTL_SECONDS', 3600, 86_400),
  });
}
