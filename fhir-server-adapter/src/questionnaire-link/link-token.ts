import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// One-time questionnaire links: `<payload>.<signature>`, both base64url; the payload names the
// link and when it expires, the signature is HMAC-SHA256 under a key made at first start.

const KEY_FILE = 'questionnaire-link.key';

/** The signing key in `dir`, generated (32 random bytes, owner-only) when absent. */
export function loadOrCreateLinkKey(dir: string): Buffer {
  const file = join(dir, KEY_FILE);
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
  mkdirSync(dir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64url'), { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}

export interface LinkClaims {
  /** The link's id (a row of questionnaire_links). */
  readonly id: string;
  /** Expiry, seconds since the epoch. */
  readonly exp: number;
}

const sign = (key: Buffer, payload: string): string =>
  createHmac('sha256', key).update(payload).digest('base64url');

export function signLink(key: Buffer, claims: LinkClaims): string {
  const payload = Buffer.from(JSON.stringify({ id: claims.id, exp: claims.exp })).toString(
    'base64url',
  );
  return `${payload}.${sign(key, payload)}`;
}

export type LinkCheck =
  | { readonly ok: true; readonly claims: LinkClaims }
  | { readonly ok: false; readonly problem: 'altered' | 'expired' };

/** The token's claims when its signature holds and it has not expired. */
export function verifyLink(key: Buffer, token: string, nowSeconds: number): LinkCheck {
  const [payload, signature, extra] = token.split('.');
  if (payload === undefined || signature === undefined || extra !== undefined) {
    return { ok: false, problem: 'altered' };
  }
  const expected = Buffer.from(sign(key, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, problem: 'altered' };
  }
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, problem: 'altered' };
  }
  const { id, exp } = claims as Partial<LinkClaims>;
  if (typeof id !== 'string' || typeof exp !== 'number') return { ok: false, problem: 'altered' };
  if (exp <= nowSeconds) return { ok: false, problem: 'expired' };
  return { ok: true, claims: { id, exp } };
}
