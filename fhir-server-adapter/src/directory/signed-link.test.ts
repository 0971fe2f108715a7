import { randomBytes } from 'node:crypto';
import { checkLink, signLink } from './signed-link';

describe('coordinator signed links', () => {
  const key = randomBytes(32);
  const now = 1_800_000_000;
  const token = signLink(key, { service: 'svc-1', exp: now + 60 });

  it('accepts its own link until it expires', () => {
    expect(checkLink(key, token, now)).toEqual({
      ok: true,
      claims: { service: 'svc-1', exp: now + 60 },
    });
    expect(checkLink(key, token, now + 60)).toEqual({ ok: false, why: 'expired' });
  });

  it('refuses a link whose service or signature was changed, or signed with another key', () => {
    const [, signature] = token.split('.');
    const other = Buffer.from(JSON.stringify({ service: 'svc-2', exp: now + 60 })).toString(
      'base64url',
    );
    expect(checkLink(key, `${other}.${signature ?? ''}`, now)).toEqual({
      ok: false,
      why: 'altered',
    });
    expect(checkLink(randomBytes(32), token, now)).toEqual({ ok: false, why: 'altered' });
    expect(checkLink(key, 'nonsense', now)).toEqual({ ok: false, why: 'malformed' });
  });
});
