import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateLinkKey, signLink, verifyLink } from './link-token';

describe('questionnaire link tokens', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lw-link-key-'));
  const key = loadOrCreateLinkKey(dir);

  it('keeps one key per data folder, readable by the owner only', () => {
    expect(loadOrCreateLinkKey(dir).equals(key)).toBe(true);
    expect(statSync(join(dir, 'questionnaire-link.key')).mode & 0o077).toBe(0);
  });

  it('accepts its own token until it expires', () => {
    const token = signLink(key, { id: 'link-1', exp: 2000 });
    expect(verifyLink(key, token, 1999)).toEqual({ ok: true, claims: { id: 'link-1', exp: 2000 } });
    expect(verifyLink(key, token, 2000)).toEqual({ ok: false, problem: 'expired' });
  });

  it('refuses an altered payload, a foreign key and junk', () => {
    const token = signLink(key, { id: 'link-1', exp: 2000 });
    const [, signature] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ id: 'link-2', exp: 2000 })).toString('base64url')}.${signature ?? ''}`;
    expect(verifyLink(key, forged, 1000)).toEqual({ ok: false, problem: 'altered' });
    const other = loadOrCreateLinkKey(mkdtempSync(join(tmpdir(), 'lw-link-key-')));
    expect(verifyLink(other, token, 1000)).toEqual({ ok: false, problem: 'altered' });
    for (const junk of ['', 'abc', 'a.b.c', `${token}x`]) {
      expect(verifyLink(key, junk, 1000).ok).toBe(false);
    }
  });
});
