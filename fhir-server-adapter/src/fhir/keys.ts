import {
  createPrivateKey,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface AdapterKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  /** The public half as a JWKS, served at /.well-known/jwks.json for the EHR's authorization server. */
  readonly jwks: { keys: JsonWebKey[] };
}

const ALG = 'RS384';

function fromPrivateJwk(jwk: JsonWebKey & { kid: string }): AdapterKey {
  const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
  const { kty, n, e } = jwk;
  return {
    kid: jwk.kid,
    privateKey,
    jwks: { keys: [{ kty, n, e, kid: jwk.kid, alg: ALG, use: 'sig' }] },
  };
}

/** Loads the adapter's signing key from `<dir>/adapter-key.json`, generating it on first start. */
export function loadOrCreateKey(dir: string): AdapterKey {
  const file = join(dir, 'adapter-key.json');
  if (existsSync(file)) {
    return fromPrivateJwk(JSON.parse(readFileSync(file, 'utf8')) as JsonWebKey & { kid: string });
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = {
    ...privateKey.export({ format: 'jwk' }),
    kid: `adapter-${Date.now().toString(36)}`,
  };
  writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
  return fromPrivateJwk(jwk);
}

export const SIGNING_ALG = ALG;
