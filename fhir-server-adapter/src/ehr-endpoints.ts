import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { ConfigError, envFlag, envValue, httpUrl } from '@linkwell/service-kit';

/** The id the single-endpoint variables give their endpoint; cases from before migration 12 have it. */
export const DEFAULT_ENDPOINT = 'default';

/** One EHR FHIR server the adapter takes referrals from and writes back to. */
export interface EhrEndpoint {
  /** Stored on each case (cases.endpoint); names the rest-hook path `/fhir-hook/<id>`. */
  readonly id: string;
  /** For people reading logs and the README: the practice or EHR system. */
  readonly name: string;
  readonly fhirBase: string;
  /** `smart` (SMART Backend Services tokens) or `none` (an open FHIR server, e.g. HAPI directly). */
  readonly fhirAuth: 'smart' | 'none';
  /** Token endpoint override; discovered from `<fhirBase>/.well-known/smart-configuration` when absent. */
  readonly tokenEndpoint: string | undefined;
  /** The adapter's SMART Backend Services client id at this EHR's authorization server. */
  readonly clientId: string;
  readonly scopes: string;
  /** A folder of its own for this endpoint's signing key; the adapter's shared key when absent. */
  readonly keyDir: string | undefined;
  /** Put the rest-hook Subscriptions in place on this server (with ADAPTER_SUBSCRIBE). */
  readonly subscribe: boolean;
}

const ENDPOINT_ID = /^[a-z0-9][a-z0-9-]{0,31}$/;
// Hook paths are matched without regard to case, and `/fhir-hook/Task/<id>` is a notification.
const RESERVED = new Set(['task', 'consent']);
const FIELDS = new Set([
  'id',
  'name',
  'fhirBase',
  'fhirAuth',
  'tokenEndpoint',
  'clientId',
  'scopes',
  'keyDir',
  'subscribe',
]);

function authOf(name: string, raw: unknown): 'smart' | 'none' {
  if (raw === undefined || raw === 'smart') return 'smart';
  if (raw === 'none') return 'none';
  throw new ConfigError(`${name} must be smart or none, not ${JSON.stringify(raw)}.`);
}

/** Where this endpoint's FHIR server delivers notifications (the default keeps `/fhir-hook`). */
export const hookPath = (endpoint: Pick<EhrEndpoint, 'id'>): string =>
  endpoint.id === DEFAULT_ENDPOINT ? '/fhir-hook' : `/fhir-hook/${endpoint.id}`;

/** A sync-state key of one endpoint (the default endpoint keeps the keys from before). */
export const endpointStateKey = (key: string, endpoint: string): string =>
  endpoint === DEFAULT_ENDPOINT ? key : `${key}@${endpoint}`;

/** The endpoint the single-endpoint variables describe (ADAPTER_FHIR_BASE and friends). */
export function defaultEndpoint(env: NodeJS.ProcessEnv, defaultScopes: string): EhrEndpoint {
  const tokenEndpoint = envValue(env, 'ADAPTER_TOKEN_ENDPOINT');
  return Object.freeze({
    id: DEFAULT_ENDPOINT,
    name: 'EHR',
    fhirBase: httpUrl(
      'ADAPTER_FHIR_BASE',
      envValue(env, 'ADAPTER_FHIR_BASE') ?? 'http://localhost:8090/fhir',
    ),
    fhirAuth: authOf('ADAPTER_FHIR_AUTH', envValue(env, 'ADAPTER_FHIR_AUTH')),
    tokenEndpoint:
      tokenEndpoint === undefined ? undefined : httpUrl('ADAPTER_TOKEN_ENDPOINT', tokenEndpoint),
    clientId: envValue(env, 'ADAPTER_CLIENT_ID') ?? 'linkwell-adapter',
    scopes: envValue(env, 'ADAPTER_SCOPES') ?? defaultScopes,
    keyDir: undefined,
    subscribe: envFlag(env, 'ADAPTER_SUBSCRIBE', true),
  });
}

const optionalText = (where: string, field: string, raw: unknown): string | undefined => {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new ConfigError(`${where}: "${field}" must be a non-empty string.`);
  }
  return raw.trim();
};

/**
 * Reads the endpoints list (a JSON array of objects, see .env.example). Fields left out take the
 * single-endpoint variables' values (`fallback`), except `id` and `fhirBase`, which each entry names.
 */
export function parseEndpoints(
  source: string,
  json: string,
  fallback: EhrEndpoint,
  baseDir: string,
): EhrEndpoint[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new ConfigError(`${source} is not JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0) {
    throw new ConfigError(`${source} must be a JSON array of at least one endpoint.`);
  }
  const seen = new Map<string, string>();
  return parsed.map((entry: unknown, index) => {
    const where = `${source} entry ${index + 1}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new ConfigError(`${where} must be an object.`);
    }
    const raw = entry as Record<string, unknown>;
    const unknown = Object.keys(raw).filter((key) => !FIELDS.has(key));
    if (unknown.length > 0) {
      throw new ConfigError(`${where}: unknown field(s) ${unknown.join(', ')}.`);
    }
    const id = raw.id;
    if (typeof id !== 'string' || !ENDPOINT_ID.test(id)) {
      throw new ConfigError(
        `${where}: "id" must be 1-32 lower-case letters, digits or dashes, not ${JSON.stringify(id)}.`,
      );
    }
    const fhirBase = optionalText(where, 'fhirBase', raw.fhirBase);
    if (fhirBase === undefined) throw new ConfigError(`${where} (${id}): "fhirBase" is required.`);
    const base = httpUrl(`${where} (${id}) fhirBase`, fhirBase);
    const duplicate = [...seen].find(
      ([otherId, otherBase]) => otherId === id || otherBase === base,
    );
    if (duplicate !== undefined) {
      throw new ConfigError(
        `${where} (${id}): another endpoint has the same ${duplicate[0] === id ? 'id' : 'fhirBase'}.`,
      );
    }
    if (RESERVED.has(id)) {
      throw new ConfigError(`${where}: "id" ${id} is reserved (a rest-hook path segment).`);
    }
    seen.set(id, base);
    const subscribe = raw.subscribe;
    if (subscribe !== undefined && typeof subscribe !== 'boolean') {
      throw new ConfigError(`${where} (${id}): "subscribe" must be true or false.`);
    }
    const tokenEndpoint = optionalText(where, 'tokenEndpoint', raw.tokenEndpoint);
    const keyDir = optionalText(where, 'keyDir', raw.keyDir);
    return Object.freeze({
      id,
      name: optionalText(where, 'name', raw.name) ?? id,
      fhirBase: base,
      fhirAuth:
        raw.fhirAuth === undefined
          ? fallback.fhirAuth
          : authOf(`${where} (${id}) fhirAuth`, raw.fhirAuth),
      tokenEndpoint:
        tokenEndpoint === undefined
          ? undefined
          : httpUrl(`${where} (${id}) tokenEndpoint`, tokenEndpoint),
      clientId: optionalText(where, 'clientId', raw.clientId) ?? fallback.clientId,
      scopes: optionalText(where, 'scopes', raw.scopes) ?? fallback.scopes,
      keyDir:
        keyDir === undefined ? undefined : isAbsolute(keyDir) ? keyDir : resolve(baseDir, keyDir),
      subscribe: subscribe ?? fallback.subscribe,
    });
  });
}

/**
 * The EHR endpoints: the file ADAPTER_EHR_ENDPOINTS names (paths in it relative to the file), or
 * the one endpoint of the single-endpoint variables. The first is the primary one: link workers
 * sign in through its authorization server, and the team and directory are read from it.
 */
export function loadEndpoints(
  env: NodeJS.ProcessEnv,
  defaultScopes: string,
  repoRoot: string,
): readonly EhrEndpoint[] {
  const fallback = defaultEndpoint(env, defaultScopes);
  const file = envValue(env, 'ADAPTER_EHR_ENDPOINTS');
  if (file === undefined) return Object.freeze([fallback]);
  const path = isAbsolute(file) ? file : resolve(repoRoot, file);
  let json: string;
  try {
    json = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `ADAPTER_EHR_ENDPOINTS: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
    );
  }
  return Object.freeze(
    parseEndpoints(`ADAPTER_EHR_ENDPOINTS (${path})`, json, fallback, resolve(path, '..')),
  );
}
