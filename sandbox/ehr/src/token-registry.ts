/**
 * JWT access tokens are not stored by oidc-provider, so the proxy keeps its own record of the ones
 * it issued and of revoked grants: a token is honoured only while both say yes. In memory.
 */
export class TokenRegistry {
  private readonly issued = new Map<string, { grantId?: string; expiresAt: number }>();
  private readonly revokedGrants = new Set<string>();
  private readonly revokedTokens = new Set<string>();

  constructor(private readonly now: () => number = Date.now) {}

  recordIssued(jti: string, grantId: string | undefined, expiresAtSeconds: number): void {
    this.prune();
    this.issued.set(jti, { grantId, expiresAt: expiresAtSeconds * 1000 });
  }

  revokeGrant(grantId: string): void {
    this.revokedGrants.add(grantId);
  }

  revokeToken(jti: string): void {
    this.revokedTokens.add(jti);
  }

  /** True when the token was issued here and neither it nor its grant has been revoked. */
  isActive(jti: string): boolean {
    const token = this.issued.get(jti);
    if (token === undefined || this.revokedTokens.has(jti)) return false;
    return token.grantId === undefined || !this.revokedGrants.has(token.grantId);
  }

  private prune(): void {
    const now = this.now();
    for (const [jti, token] of this.issued) if (token.expiresAt < now) this.issued.delete(jti);
  }
}
