import { createPrivateKey, randomUUID, sign, type JsonWebKey } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Where the shared EHR sandbox of this `npm test` run listens (set by the global setup). */
export function ehrBase(): string {
  const base = process.env.LINKWELL_TEST_EHR_BASE;
  if (base === undefined || base === '')
    throw new Error('LINKWELL_TEST_EHR_BASE is not set: run integration tests through jest.');
  return base;
}

export function ehrEnv(
  name:
    | 'LINKWELL_TEST_EHR_APP_PORT'
    | 'LINKWELL_TEST_EHR_JWKS_PORT'
    | 'LINKWELL_TEST_EHR_BACKEND_KEY'
    | 'LINKWELL_TEST_EHR_CLIENTS_FILE'
    | 'LINKWELL_TEST_EHR_DIR',
): string {
  const value = process.env[name];
  if (value === undefined || value === '')
    throw new Error(`${name} is not set: run integration tests through jest.`);
  return value;
}

/**
 * A SMART Backend Services client assertion (RFC 7523), signed ES384 with the test key. Built with
 * node:crypto because jest cannot load the ESM-only `jose`; the sandbox verifies it with oidc-provider.
 */
export function clientAssertion(
  clientId: string,
  audience: string,
  overrides: Record<string, unknown> = {},
): string {
  const jwk = JSON.parse(
    readFileSync(ehrEnv('LINKWELL_TEST_EHR_BACKEND_KEY'), 'utf8'),
  ) as JsonWebKey & { kid: string };
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'ES384', typ: 'JWT', kid: jwk.kid };
  const payload = {
    iss: clientId,
    sub: clientId,
    aud: audience,
    jti: randomUUID(),
    iat: now,
    exp: now + 240,
    ...overrides,
  };
  const encode = (part: object): string => Buffer.from(JSON.stringify(part)).toString('base64url');
  const input = `${encode(header)}.${encode(payload)}`;
  const key = createPrivateKey({ key: jwk, format: 'jwk' });
  const signature = sign('sha384', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

/** The public half of the test backend key, as a JWKS a jwks_uri serves. */
export function backendPublicJwks(): { keys: JsonWebKey[] } {
  const jwk = JSON.parse(
    readFileSync(ehrEnv('LINKWELL_TEST_EHR_BACKEND_KEY'), 'utf8'),
  ) as JsonWebKey & { d?: string };
  const publicJwk: JsonWebKey = { ...jwk };
  delete publicJwk.d;
  return { keys: [publicJwk] };
}

/** A FHIR request through the sandbox's proxy with a bearer token; never throws on status. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- callers name the body type
export async function proxied<T = Record<string, unknown>>(
  path: string,
  token: string | undefined,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const url = path.startsWith('http') ? path : `${ehrBase()}/fhir/${path}`;
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      accept: 'application/fhir+json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(init.body === undefined ? {} : { 'content-type': 'application/fhir+json' }),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text === '' ? undefined : JSON.parse(text)) as T,
    headers: response.headers,
  };
}
