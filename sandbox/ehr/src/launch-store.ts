import { randomBytes } from 'node:crypto';

/** What the EHR knows when it launches an app: who is signed in and whose record is open. */
export interface LaunchContext {
  practitioner: string;
  patient?: string;
  encounter?: string;
  needPatientBanner: boolean;
  /** The client the launch was made for, when the launch URL identified one. */
  clientId?: string;
}

interface Stored {
  context: LaunchContext;
  expiresAt: number;
}

/**
 * Launch ids the sandbox issued (valid until they expire) and the context each grant was made with
 * (keyed by the oidc-provider grant id, which refresh tokens keep). In memory: a restart forgets both.
 */
export class LaunchStore {
  private readonly launches = new Map<string, Stored>();
  private readonly grants = new Map<string, LaunchContext>();

  constructor(
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  issue(context: LaunchContext): string {
    const id = randomBytes(16).toString('base64url');
    this.launches.set(id, { context, expiresAt: this.now() + this.ttlSeconds * 1000 });
    return id;
  }

  /** The context of an issued, unexpired launch; undefined otherwise. */
  find(id: string | undefined): LaunchContext | undefined {
    if (id === undefined) return undefined;
    const stored = this.launches.get(id);
    if (stored === undefined) return undefined;
    if (stored.expiresAt <= this.now()) {
      this.launches.delete(id);
      return undefined;
    }
    return stored.context;
  }

  bindGrant(grantId: string, context: LaunchContext): void {
    this.grants.set(grantId, context);
  }

  forGrant(grantId: string | undefined): LaunchContext | undefined {
    return grantId === undefined ? undefined : this.grants.get(grantId);
  }
}
