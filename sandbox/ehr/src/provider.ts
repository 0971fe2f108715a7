import type { ParsedUrlQuery } from 'node:querystring';
import Provider, {
  errors,
  type Configuration,
  type KoaContextWithOIDC,
  type ResourceServer,
} from 'oidc-provider';
import type { ClientRegistry } from './clients';
import { allowedOrigins } from './clients';
import type { EhrConfig } from './config';
import { userName } from './directory';
import { renderOAuthError } from './error-page';
import type { SandboxKeys } from './keys';
import type { LaunchStore } from './launch-store';
import type { Logger } from './log';
import { grantableScopes } from './scope-grant';
import { NON_RESOURCE_SCOPES } from './scopes';
import { addLaunchContext } from './token-response';
import type { TokenRegistry } from './token-registry';

export interface ProviderDeps {
  keys: SandboxKeys;
  clients: ClientRegistry;
  launches: LaunchStore;
  tokens: TokenRegistry;
  log: Logger;
}

function requestedResourceScopes(ctx: KoaContextWithOIDC): string[] {
  return (
    (ctx.oidc.params?.scope as string | undefined)
      ?.split(' ')
      .filter((s) => s.includes('/') && !s.startsWith('launch/')) ?? []
  );
}

/**
 * Another resource server a client is registered for (`allowed_resources`, e.g. the adapter's
 * link-worker API): a JWT access token with that audience and no FHIR scopes, so it is useless at
 * the FHIR proxy, and the proxy's tokens are refused there.
 */
function apiServerInfo(
  config: EhrConfig,
  deps: ProviderDeps,
  resource: string,
  client: { clientId: string },
): ResourceServer {
  const registered = deps.clients.clients.find((c) => c.clientId === client.clientId);
  if (!registered?.allowedResources.includes(resource)) {
    throw new errors.InvalidTarget('this client may not get tokens for that resource');
  }
  return {
    scope: '',
    audience: resource,
    accessTokenFormat: 'jwt',
    accessTokenTTL: config.accessTokenTtlSeconds,
    jwt: { sign: { alg: 'RS256' } },
  };
}

function configuration(config: EhrConfig, deps: ProviderDeps): Configuration {
  const origins = allowedOrigins(deps.clients);
  const jwksUris = new Set(
    deps.clients.providerClients
      .map((client) => client.jwks_uri)
      .filter((uri) => typeof uri === 'string'),
  );
  return {
    // oidc-provider refuses to fetch from loopback addresses (SSRF protection); the adapter serves its
    // JWKS on localhost, so exactly the registered jwks_uris are fetched without that guard.
    fetch: (url, options) => {
      const href = typeof url === 'string' ? url : url instanceof URL ? url.href : url.url;
      if (!jwksUris.has(href)) return globalThis.fetch(url, options);
      const unguarded: RequestInit & { dispatcher?: unknown } = { ...options };
      delete unguarded.dispatcher;
      return globalThis.fetch(url, unguarded);
    },
    clients: deps.clients.providerClients,
    jwks: deps.keys.jwks,
    cookies: { keys: deps.keys.cookieKeys },
    scopes: [...NON_RESOURCE_SCOPES],
    claims: { openid: ['sub'], fhirUser: ['fhirUser'], profile: ['name'] },
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    allowOmittingSingleRegisteredRedirectUri: false,
    pkce: { required: () => true },
    enabledJWA: { clientAuthSigningAlgValues: ['RS256', 'RS384', 'ES256', 'ES384'] },
    // Only the grant this very interaction made counts: each launch gets its own grant and context.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId;
      return typeof grantId === 'string' ? ctx.oidc.provider.Grant.find(grantId) : undefined;
    },
    findAccount: (_ctx, accountId) => ({
      accountId,
      claims: async () => ({
        sub: accountId,
        fhirUser: `${config.fhirBase}/${accountId}`,
        name: await userName(config.fhirUpstream, accountId),
      }),
    }),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    extraParams: {
      aud(ctx, value) {
        const smart =
          requestedResourceScopes(ctx).length > 0 || ctx.oidc.params?.launch !== undefined;
        if (value === undefined && !smart) return;
        if (value !== config.fhirBase) {
          throw new errors.InvalidRequest(
            `aud must be this EHR's FHIR base URL (${config.fhirBase})`,
          );
        }
      },
      launch(ctx, value, client) {
        if (value === undefined) return;
        const launch = deps.launches.find(value);
        if (launch === undefined) throw new errors.InvalidRequest('launch is unknown or expired');
        if (launch.clientId !== undefined && launch.clientId !== client.clientId) {
          throw new errors.InvalidRequest('launch was issued for another app');
        }
        if (!(ctx.oidc.params?.scope as string | undefined)?.split(' ').includes('launch')) {
          throw new errors.InvalidScope('an EHR launch must request the launch scope', 'launch');
        }
      },
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      introspection: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => config.fhirBase,
        useGrantedResource: () => true,
        getResourceServerInfo(ctx, resource, client) {
          if (resource !== config.fhirBase) return apiServerInfo(config, deps, resource, client);
          const entities = ctx.oidc.entities;
          const { granted, refused } = grantableScopes(deps.clients, client.clientId, [
            requestedResourceScopes(ctx).join(' '),
            entities.AuthorizationCode?.scope,
            entities.RefreshToken?.scope,
          ]);
          if (refused.length > 0) {
            throw new errors.InvalidScope(
              'requested scope is not allowed for this client',
              refused.join(' '),
            );
          }
          return {
            scope: granted.join(' '),
            audience: config.fhirBase,
            accessTokenFormat: 'jwt',
            accessTokenTTL: config.accessTokenTtlSeconds,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    extraTokenClaims(_ctx, token) {
      const launch = deps.launches.forGrant('grantId' in token ? token.grantId : undefined);
      if (launch === undefined) return undefined;
      return {
        patient: launch.patient,
        encounter: launch.encounter,
        fhirUser: `Practitioner/${launch.practitioner}`,
      };
    },
    ttl: {
      AuthorizationCode: config.codeTtlSeconds,
      AccessToken: config.accessTokenTtlSeconds,
      ClientCredentials: config.accessTokenTtlSeconds,
      IdToken: 3600,
      RefreshToken: 14 * 86_400,
      Interaction: 600,
      Session: 86_400,
      Grant: 14 * 86_400,
    },
    clientBasedCORS: (_ctx, origin) => origins.has(origin),
    renderError: renderOAuthError,
  };
}

/** The authorization server: oidc-provider configured as a strict SMART App Launch 2 EHR. */
export function createProvider(config: EhrConfig, deps: ProviderDeps): Provider {
  const provider = new Provider(config.publicUrl, configuration(config, deps));
  provider.proxy = true;
  // JWT access tokens carry no `exp` property until serialised: the configured TTL bounds them.
  const expiry = (): number => Math.floor(Date.now() / 1000) + config.accessTokenTtlSeconds;
  provider.on('access_token.issued', (token) => {
    deps.tokens.recordIssued(token.jti, token.grantId, token.exp ?? expiry());
  });
  provider.on('client_credentials.issued', (token) => {
    deps.tokens.recordIssued(token.jti, undefined, token.exp ?? expiry());
  });
  provider.on('grant.revoked', (_ctx, grantId) => {
    deps.tokens.revokeGrant(grantId);
    deps.log.info('grant.revoked');
  });
  const warn =
    (event: string) =>
    (ctx: KoaContextWithOIDC, error: Error & { error?: string }): void => {
      deps.log.warn(event, { error: error.error ?? error.name, client: ctx.oidc.client?.clientId });
    };
  provider.on('authorization.error', warn('authorization.error'));
  provider.on('grant.error', warn('grant.error'));
  provider.on('server_error', warn('server_error'));
  provider.use(async (koa, next) => {
    const query = offlineAccessQuery(koa.query, koa.path);
    if (query !== undefined) koa.query = query;
    await next();
    // Routes oidc-provider does not know (404s) have no `oidc` context.
    const route = (koa as { oidc?: { route?: string } }).oidc?.route;
    const ctx = koa as unknown as KoaContextWithOIDC;
    if (route === 'token' && ctx.status === 200) addLaunchContext(ctx, config, deps);
    if (route === 'revocation') revokeJwtAccessToken(ctx, deps.tokens);
  });
  return provider;
}

/**
 * OpenID Connect only honours `offline_access` with `prompt=consent`; SMART apps ask without it.
 * Every sandbox authorization goes through the consent step anyway, so say so on their behalf.
 */
function offlineAccessQuery(query: ParsedUrlQuery, path: string): ParsedUrlQuery | undefined {
  if (path !== '/auth' || typeof query.scope !== 'string' || query.prompt !== undefined)
    return undefined;
  return query.scope.split(' ').includes('offline_access')
    ? { ...query, prompt: 'consent' }
    : undefined;
}

/**
 * oidc-provider refuses to revoke JWT access tokens (it does not store them). The client is
 * authenticated by then, so revoke one of its own tokens in our registry and answer 200 (RFC 7009).
 */
function revokeJwtAccessToken(ctx: KoaContextWithOIDC, tokens: TokenRegistry): void {
  const token = ctx.oidc.params?.token;
  const body = ctx.body as { error?: string } | undefined;
  if (ctx.status !== 400 || body?.error !== 'unsupported_token_type' || typeof token !== 'string')
    return;
  let payload: { jti?: unknown; client_id?: unknown };
  try {
    payload = JSON.parse(
      Buffer.from(token.split('.')[1] ?? '', 'base64url').toString(),
    ) as typeof payload;
  } catch {
    return;
  }
  if (typeof payload.jti !== 'string' || payload.client_id !== ctx.oidc.client?.clientId) return;
  tokens.revokeToken(payload.jti);
  ctx.status = 200;
  ctx.body = '';
}
