import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A private JWK as oidc-provider's `jwks` option takes it. */
export type PrivateJwk = Record<string, string>;

export interface SandboxKeys {
  /** Signing keys for ID tokens and JWT access tokens (RS256 and ES384). */
  jwks: { keys: PrivateJwk[] };
  /** Secrets that sign oidc-provider's interaction and session cookies. */
  cookieKeys: string[];
}

function rsaKey(): PrivateJwk {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' }) as PrivateJwk;
  return { ...jwk, kid: `rs-${randomBytes(6).toString('hex')}`, alg: 'RS256', use: 'sig' };
}

function ecKey(): PrivateJwk {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const jwk = privateKey.export({ format: 'jwk' }) as PrivateJwk;
  return { ...jwk, kid: `es-${randomBytes(6).toString('hex')}`, alg: 'ES384', use: 'sig' };
}

/**
 * Reads the sandbox's keys from `dir`, generating them on first start. They never go in the repo:
 * the default folder is under the ignored `.data/`.
 */
export function ensureKeys(dir: string): SandboxKeys & { generated: boolean } {
  const file = join(dir, 'sandbox-keys.json');
  if (existsSync(file)) {
    return { ...(JSON.parse(readFileSync(file, 'utf8')) as SandboxKeys), generated: false };
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keys: SandboxKeys = {
    jwks: { keys: [rsaKey(), ecKey()] },
    cookieKeys: [randomBytes(32).toString('base64url')],
  };
  writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return { ...keys, generated: true };
}

/** The public half of the signing keys, for verifying access tokens. */
export function publicJwks(keys: SandboxKeys): { keys: PrivateJwk[] } {
  const privateMembers = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi']);
  return {
    keys: keys.jwks.keys.map((key) =>
      Object.fromEntries(Object.entries(key).filter(([name]) => !privateMembers.has(name))),
    ),
  };
}
