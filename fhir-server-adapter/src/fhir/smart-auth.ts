import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { AdapterKey } from './keys';
import { SIGNING_ALG } from './keys';
import { FhirGatewayError } from './gateway';
import type { TokenProvider } from './kit-gateway';

export interface BackendServicesOptions {
  readonly fhirBase: string;
  readonly clientId: string;
  readonly scopes: string;
  readonly key: AdapterKey;
  /** Skips discovery when set. */
  readonly tokenEndpoint?: string;
  readonly fetch?: typeof globalThis.fetch;
  readonly now?: () => number;
}

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Renew this long before the token expires, so a request never carries a just-expired token. */
const RENEW_MARGIN_SECONDS = 60;

/** A client assertion JWT (RFC 7523) as SMART Backend Services asks for, signed RS384 by jose. */
export function clientAssertion(
  key: AdapterKey,
  clientId: string,
  audience: string,
  nowSeconds: number,
): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: SIGNING_ALG, typ: 'JWT', kid: key.kid })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(audience)
    .setJti(randomUUID())
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + 240)
    .sign(key.privateKey);
}

export interface SmartConfiguration {
  readonly issuer: string;
  readonly jwksUri: string;
  readonly tokenEndpoint: string;
}

/** Reads `<fhirBase>/.well-known/smart-configuration`: issuer, its JWKS and the token endpoint. */
export async function discoverSmart(
  fhirBase: string,
  fetcher: typeof globalThis.fetch = fetch,
): Promise<SmartConfiguration> {
  const url = `${fhirBase}/.well-known/smart-configuration`;
  let body: Record<string, unknown>;
  try {
    const response = await fetcher(url, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    body = (await response.json()) as Record<string, unknown>;
  } catch (error) {
    throw new FhirGatewayError(undefined, `SMART discovery at ${url} failed: ${String(error)}`);
  }
  const { issuer, jwks_uri: jwksUri, token_endpoint: tokenEndpoint } = body;
  if (
    typeof issuer !== 'string' ||
    typeof jwksUri !== 'string' ||
    typeof tokenEndpoint !== 'string'
  ) {
    throw new FhirGatewayError(undefined, `${url} lacks issuer, jwks_uri or token_endpoint`);
  }
  return { issuer, jwksUri, tokenEndpoint };
}

/** SMART Backend Services: client_credentials + private_key_jwt, token cached and renewed. */
export function backendServicesTokens(options: BackendServicesOptions): TokenProvider {
  const fetcher = options.fetch ?? fetch;
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  let endpoint = options.tokenEndpoint;
  let cached: { token: string; renewAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    endpoint ??= (await discoverSmart(options.fhirBase, fetcher)).tokenEndpoint;
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      scope: options.scopes,
      client_assertion_type: ASSERTION_TYPE,
      client_assertion: await clientAssertion(options.key, options.clientId, endpoint, now()),
    });
    let response: Response;
    try {
      response = await fetcher(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form.toString(),
      });
    } catch (error) {
      throw new FhirGatewayError(undefined, `token endpoint unreachable: ${String(error)}`);
    }
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok || typeof body.access_token !== 'string') {
      const why =
        typeof body.error_description === 'string'
          ? body.error_description
          : typeof body.error === 'string'
            ? body.error
            : undefined;
      // No status: an authorization failure is retried later, never held against a record.
      throw new FhirGatewayError(
        undefined,
        `token request refused (HTTP ${response.status}): ${why ?? 'no token'}`,
      );
    }
    const lifetime = typeof body.expires_in === 'number' ? body.expires_in : 300;
    cached = {
      token: body.access_token,
      renewAt: now() + Math.max(lifetime - RENEW_MARGIN_SECONDS, lifetime / 2),
    };
    return body.access_token;
  }

  return {
    token() {
      if (cached !== undefined && now() < cached.renewAt) return Promise.resolve(cached.token);
      inFlight ??= fetchToken().finally(() => (inFlight = undefined));
      return inFlight;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
