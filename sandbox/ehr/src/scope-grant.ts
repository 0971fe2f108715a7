import type { ClientRegistry } from './clients';
import { covers, parseResourceScope } from './scopes';

/**
 * What `clientId` may be granted of the scopes among `candidates`: `refused` are not resource scopes
 * of its contexts (an error in the request, `invalid_scope`); `granted` are those its allowlist
 * covers whole. The rest is dropped, as oidc-provider drops resource scopes a resource server does
 * not offer; the token response's `scope` says what was granted (RFC 6749 3.3, SMART 2.0.10).
 */
export function grantableScopes(
  clients: ClientRegistry,
  clientId: string,
  candidates: readonly (string | undefined)[],
): { granted: string[]; refused: string[] } {
  const client = clients.clients.find((c) => c.clientId === clientId);
  const contexts = client?.scopeContexts ?? [];
  const all = new Set(candidates.flatMap((scope) => scope?.split(' ') ?? []));
  const granted: string[] = [];
  const refused: string[] = [];
  for (const raw of all) {
    if (!raw.includes('/') || raw.startsWith('launch/')) continue;
    const parsed = parseResourceScope(raw);
    if (parsed === undefined || !contexts.includes(parsed.context)) refused.push(raw);
    else if (client?.allowedScopes?.some((allowed) => covers(allowed, parsed)) ?? true)
      granted.push(raw);
  }
  return { granted, refused };
}

/** The SMART resource scopes among `candidates` that `clientId` may be granted. */
export function allowedResourceScopes(
  clients: ClientRegistry,
  clientId: string,
  candidates: readonly (string | undefined)[],
): string[] {
  return grantableScopes(clients, clientId, candidates).granted;
}
