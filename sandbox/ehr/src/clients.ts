import { readFileSync } from 'node:fs';
import { parseResourceScope, type ResourceScope, type ScopeContext } from './scopes';

/** oidc-provider client metadata, passed through as written in the clients file. */
export type ProviderClientMetadata = Record<string, unknown> & { client_id: string };

/** What the sandbox itself needs to know about a registered client. */
export interface RegisteredClient {
  clientId: string;
  name: string;
  /** Where the launch page sends an EHR launch (`launch_uri?iss=…&launch=…`). */
  launchUri?: string;
  /** Which SMART scope contexts (`patient/`, `user/`, `system/`) the client may be granted. */
  scopeContexts: readonly ScopeContext[];
  /**
   * The resource scopes it may ever be granted (`allowed_scopes`); a requested scope is granted only
   * when one of these covers it whole. Undefined: any scope of its contexts (test registrations).
   */
  allowedScopes?: readonly ResourceScope[];
  /** Resource servers besides the FHIR base it may get access tokens for (`allowed_resources`). */
  allowedResources: readonly string[];
  /** Origins of its redirect and launch URIs, allowed by CORS. */
  origins: readonly string[];
}

export interface ClientRegistry {
  providerClients: ProviderClientMetadata[];
  clients: readonly RegisteredClient[];
}

const SANDBOX_FIELDS = [
  'launch_uri',
  'smart_scope_contexts',
  'allowed_scopes',
  'allowed_resources',
  'description',
];
const CONTEXTS: readonly ScopeContext[] = ['patient', 'user', 'system'];

function fail(file: string, message: string): never {
  throw new Error(`Client registrations in ${file}: ${message}`);
}

function originOf(url: unknown): string[] {
  if (typeof url !== 'string') return [];
  try {
    return [new URL(url).origin];
  } catch {
    return [];
  }
}

function allowedScopesOf(
  file: string,
  clientId: string,
  raw: unknown,
  contexts: readonly ScopeContext[],
): ResourceScope[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) fail(file, `${clientId}: allowed_scopes must be a list of scopes`);
  return raw.map((value: unknown) => {
    const scope = typeof value === 'string' ? parseResourceScope(value) : undefined;
    if (scope === undefined || !contexts.includes(scope.context)) {
      fail(file, `${clientId}: allowed_scopes has "${String(value)}", not a scope of its contexts`);
    }
    return scope;
  });
}

function allowedResourcesOf(file: string, clientId: string, raw: unknown): string[] {
  if (raw === undefined) return [];
  const valid = (value: unknown): boolean =>
    typeof value === 'string' && URL.canParse(value) && !value.includes('#');
  if (!Array.isArray(raw) || !raw.every(valid)) {
    fail(file, `${clientId}: allowed_resources must be a list of absolute URLs`);
  }
  return raw as string[];
}

function toRegistered(file: string, raw: Record<string, unknown>): RegisteredClient {
  const clientId = raw.client_id;
  if (typeof clientId !== 'string' || clientId === '') fail(file, 'every client needs a client_id');
  const contexts = raw.smart_scope_contexts ?? ['patient', 'user'];
  if (!Array.isArray(contexts) || !contexts.every((c) => CONTEXTS.includes(c as ScopeContext))) {
    fail(file, `${clientId}: smart_scope_contexts must list patient, user and/or system`);
  }
  const launchUri = raw.launch_uri;
  if (launchUri !== undefined && typeof launchUri !== 'string')
    fail(file, `${clientId}: launch_uri must be a URL`);
  const redirects = Array.isArray(raw.redirect_uris) ? (raw.redirect_uris as unknown[]) : [];
  return {
    clientId,
    allowedScopes: allowedScopesOf(file, clientId, raw.allowed_scopes, contexts as ScopeContext[]),
    allowedResources: allowedResourcesOf(file, clientId, raw.allowed_resources),
    name: typeof raw.client_name === 'string' ? raw.client_name : clientId,
    launchUri,
    scopeContexts: contexts as ScopeContext[],
    origins: [...new Set([...redirects, launchUri].flatMap(originOf))],
  };
}

/** Reads one or more clients files (`{ "clients": [ … ] }`); later files may not redefine a client. */
export function loadClients(files: readonly string[]): ClientRegistry {
  const providerClients: ProviderClientMetadata[] = [];
  const clients: RegisteredClient[] = [];
  for (const file of files) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      fail(file, `cannot be read as JSON (${(error as Error).message})`);
    }
    const list = (parsed as { clients?: unknown }).clients;
    if (!Array.isArray(list)) fail(file, 'expected an object with a "clients" array');
    for (const raw of list as Record<string, unknown>[]) {
      const registered = toRegistered(file, raw);
      if (clients.some((client) => client.clientId === registered.clientId)) {
        fail(file, `${registered.clientId} is registered twice`);
      }
      clients.push(registered);
      const metadata = Object.fromEntries(
        Object.entries(raw).filter(([key]) => !SANDBOX_FIELDS.includes(key)),
      ) as ProviderClientMetadata;
      providerClients.push(metadata);
    }
  }
  return { providerClients, clients: Object.freeze(clients) };
}

/** Every origin a registered app is served from, for CORS. */
export function allowedOrigins(registry: ClientRegistry): Set<string> {
  return new Set(registry.clients.flatMap((client) => client.origins));
}
