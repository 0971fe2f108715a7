import { TokenRegistry } from './token-registry';

describe('TokenRegistry', () => {
  it('honours issued tokens until they or their grant are revoked', () => {
    const registry = new TokenRegistry();
    const exp = Date.now() / 1000 + 60;
    registry.recordIssued('a', 'g1', exp);
    registry.recordIssued('b', 'g2', exp);
    registry.recordIssued('c', undefined, exp);
    expect(registry.isActive('a')).toBe(true);
    expect(registry.isActive('unknown')).toBe(false);
    registry.revokeGrant('g1');
    registry.revokeToken('b');
    expect(registry.isActive('a')).toBe(false);
    expect(registry.isActive('b')).toBe(false);
    expect(registry.isActive('c')).toBe(true);
  });
});
