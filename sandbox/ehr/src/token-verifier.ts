import { createLocalJWKSet, jwtVerify } from 'jose';
import type { AccessContext } from './access-policy';
import type { EhrConfig } from './config';
import { publicJwks, type SandboxKeys } from './keys';
import { unauthorized } from './outcome';
import { parseScopes } from './scopes';
import type { TokenRegistry } from './token-registry';

export type TokenVerifier = (
  authorization: string | undefined,
) => Promise<AccessContext & { clientId?: string; user?: string }>;

/**
 * Checks a Bearer token as a resource server must: our signature, our issuer, `aud` equal to the
 * FHIR base, not expired, and still active (issued here, neither it nor its grant revoked).
 */
export function createTokenVerifier(
  config: EhrConfig,
  keys: SandboxKeys,
  tokens: TokenRegistry,
): TokenVerifier {
  const jwks = createLocalJWKSet(publicJwks(keys));
  return async (authorization) => {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (match?.[1] === undefined) throw unauthorized('a Bearer access token is required');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(match[1], jwks, {
        issuer: config.publicUrl,
        audience: config.fhirBase,
        typ: 'at+jwt',
        algorithms: ['RS256'],
      }));
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'ERR_JWT_INVALID';
      throw unauthorized(`the access token is not valid (${code})`);
    }
    if (typeof payload.jti !== 'string' || !tokens.isActive(payload.jti)) {
      throw unauthorized('the access token has been revoked or was not issued by this server');
    }
    return {
      scopes: parseScopes(typeof payload.scope === 'string' ? payload.scope : undefined),
      patient: typeof payload.patient === 'string' ? payload.patient : undefined,
      clientId: typeof payload.client_id === 'string' ? payload.client_id : undefined,
      // Who the token acts for: the signed-in practitioner (fhirUser), else its subject.
      user:
        typeof payload.fhirUser === 'string'
          ? payload.fhirUser
          : typeof payload.sub === 'string'
            ? payload.sub
            : undefined,
    };
  };
}
