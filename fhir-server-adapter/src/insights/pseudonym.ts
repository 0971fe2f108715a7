import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The service's pseudonym secret from `<dir>/pseudonym-key`, generated (32 random bytes) on first
 * start and never leaving the adapter's data folder.
 */
export function loadOrCreatePseudonymKey(dir: string): Buffer {
  const file = join(dir, 'pseudonym-key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64url'), { mode: 0o600 });
  return key;
}

/** HMAC-SHA256 of the patient reference under the service key, hex: stable, not reversible. */
export function pseudonym(key: Buffer, patientRef: string): string {
  return createHmac('sha256', key).update(patientRef, 'utf8').digest('hex');
}
