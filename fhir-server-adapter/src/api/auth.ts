import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Bundle, PractitionerRole } from 'fhir/r4';
import type { FhirGateway } from '../fhir/gateway';
import { forbidden, unauthorized } from '../errors';

/** The signed-in link worker, as the API sees them. */
export interface LinkWorker {
  /** `Practitioner/<id>` */
  readonly practitioner: `Practitioner/${string}`;
  readonly serviceOrg: string;
}

export type Authenticator = (authorization: string | undefined) => Promise<LinkWorker>;

export interface OidcOptions {
  readonly issuer: string;
  readonly jwksUri: string;
  /** The API's own identifier: the `aud` an access token must carry (ADAPTER_API_AUDIENCE). */
  readonly audience: string;
  /** The link-worker app's client id: the `client_id` an access token must carry. */
  readonly clientId: string;
  /** The issuer's keys (tests); fetched from `jwksUri` when absent. */
  readonly keys?: JWTVerifyGetKey;
  readonly serviceOrg: string;
  readonly gateway: FhirGateway;
  readonly now?: () => number;
  /** How long a yes is kept (default 30 s); a no is kept 5 s at most. */
  readonly memberTtlMs?: number;
}

// A removed link worker loses access within half a minute; a newly added one waits seconds only.
const MEMBER_TTL_MS = 30_000;
const NON_MEMBER_TTL_MS = 5_000;
const ALGORITHMS = ['RS256', 'RS384', 'ES256', 'ES384'];

/**
 * Whether a practitioner holds an active role in the service, asked of the FHIR server and kept
 * briefly: a yes for 30 s (or `memberTtlMs`), a no for 5 s.
 */
export function membershipCheck(
  options: Pick<OidcOptions, 'gateway' | 'serviceOrg' | 'now' | 'memberTtlMs'>,
): (practitioner: string) => Promise<boolean> {
  const now = options.now ?? (() => Date.now());
  const memberTtl = options.memberTtlMs ?? MEMBER_TTL_MS;
  const nonMemberTtl = Math.min(NON_MEMBER_TTL_MS, memberTtl);
  const members = new Map<string, { member: boolean; until: number }>();
  return async (practitioner) => {
    const cached = members.get(practitioner);
    if (cached !== undefined && cached.until > now()) return cached.member;
    const bundle: Bundle = await options.gateway.search('PractitionerRole', { practitioner });
    const member = (bundle.entry ?? []).some((entry) => {
      const role = entry.resource as PractitionerRole | undefined;
      return (
        role?.active !== false &&
        role?.organization?.reference === `Organization/${options.serviceOrg}`
      );
    });
    members.set(practitioner, {
      member,
      until: now() + (member ? memberTtl : nonMemberTtl),
    });
    return member;
  };
}

/**
 * Checks the OAuth access token the link-worker app got for this API (RFC 9068 JWT: `typ` at+jwt,
 * our issuer, `aud` = this API, `client_id` = the app, expiry, signature), never an ID token or a
 * token meant for the FHIR server; then that its `fhirUser` (or `sub`) Practitioner holds a role
 * in this service, asked again once the short membership cache runs out.
 */
export function oidcAuthenticator(options: OidcOptions): Authenticator {
  const now = options.now ?? (() => Date.now());
  const keys = options.keys ?? createRemoteJWKSet(new URL(options.jwksUri));
  const isMember = membershipCheck(options);

  async function verifiedClaims(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: options.issuer,
        audience: options.audience,
        typ: 'at+jwt',
        algorithms: ALGORITHMS,
        currentDate: new Date(now()),
      });
      if (payload.client_id !== options.clientId) {
        throw new errors.JWTClaimValidationFailed('unexpected client_id', payload, 'client_id');
      }
      return payload;
    } catch (error) {
      if (error instanceof errors.JWTExpired)
        throw unauthorized('The sign-in has expired: sign in again.');
      if (error instanceof errors.JWTClaimValidationFailed) {
        throw unauthorized('The access token was issued for another app or by another server.');
      }
      throw unauthorized('The access token is not valid: sign in again.');
    }
  }

  return async (authorization) => {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (token === undefined) throw unauthorized('Sign in: a Bearer access token is required.');
    const claims = await verifiedClaims(token);
    const id = /(?:^|\/)Practitioner\/([A-Za-z0-9\-.]{1,64})$/.exec(
      typeof claims.fhirUser === 'string'
        ? claims.fhirUser
        : typeof claims.sub === 'string'
          ? claims.sub
          : '',
    )?.[1];
    if (id === undefined) throw forbidden('Only practitioners can use the link-worker app.');
    const practitioner = `Practitioner/${id}` as const;
    if (!(await isMember(practitioner))) {
      throw forbidden('You are not a member of this link-worker service.');
    }
    return { practitioner, serviceOrg: options.serviceOrg };
  };
}
