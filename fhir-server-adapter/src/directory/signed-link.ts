import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** What a coordinator's link lets them do: act for one community service until it expires. */
export interface LinkClaims {
  /** The HealthcareService id. */
  readonly service: string;
  /** Expiry, seconds since the epoch. */
  readonly exp: number;
}

export type LinkCheck =
  | { readonly ok: true; readonly claims: LinkClaims }
  | { readonly ok: false; readonly why: 'malformed' | 'altered' | 'expired' };

/** The link key: 32 random bytes made at first start in the data folder, never in the repository. */
export function loadOrCreateLinkKey(file: string): Buffer {
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64url'), { mode: 0o600 });
  return key;
}

const mac = (key: Buffer, payload: string): string =>
  createHmac('sha256', key).update(payload).digest('base64url');

/** `<payload>.<HMAC-SHA256>`, both base64url: what goes in the coordinator's URL. */
export function signLink(key: Buffer, claims: LinkClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${mac(key, payload)}`;
}

export function checkLink(key: Buffer, token: string, nowSeconds = Date.now() / 1000): LinkCheck {
  const [payload, signature, extra] = token.split('.');
  if (payload === undefined || signature === undefined || extra !== undefined)
    return { ok: false, why: 'malformed' };
  const expected = Buffer.from(mac(key, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, why: 'altered' };
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, why: 'malformed' };
  }
  const c = claims as Partial<LinkClaims>;
  if (typeof c.service !== 'string' || typeof c.exp !== 'number')
    return { ok: false, why: 'malformed' };
  if (c.exp <= nowSeconds) return { ok: false, why: 'expired' };
  return { ok: true, claims: { service: c.service, exp: c.exp } };
}
