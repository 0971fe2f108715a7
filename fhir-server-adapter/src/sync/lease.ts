import type { Logger } from '../log';
import type { LeaseStore } from '../store/lease-store';

export interface LeaseEvents {
  /** This process holds the lease now (at start, or taking over from a holder that died). */
  acquired(): Promise<void>;
  /** The lease went to another process (this one missed its renewals). */
  lost(): void;
}

/**
 * One lease, kept by a heartbeat: renewed every third of its time, so a holder that stops beating
 * (killed, hung, cut off from the store) loses it within `ttlSeconds` and a survivor takes it.
 */
export class Lease {
  private holding = false;
  /** The holder's duties are taken up (see LeaseEvents.acquired). */
  private ready = false;
  private timer: NodeJS.Timeout | undefined;
  private beating: Promise<boolean> | undefined;

  constructor(
    private readonly store: LeaseStore,
    readonly name: string,
    readonly holder: string,
    private readonly ttlSeconds: number,
    private readonly log: Logger,
    private readonly events: LeaseEvents,
  ) {}

  get held(): boolean {
    return this.holding;
  }

  /** Beats once now, then on an interval; resolves with whether this process holds the lease. */
  start(): Promise<boolean> {
    this.timer ??= setInterval(() => void this.beat(), (this.ttlSeconds * 1000) / 3);
    return this.beat();
  }

  /** One renewal (or attempt to take over); concurrent calls share it. */
  beat(): Promise<boolean> {
    this.beating ??= this.renew().finally(() => (this.beating = undefined));
    return this.beating;
  }

  private async renew(): Promise<boolean> {
    let now: boolean;
    try {
      now = await this.store.acquire(this.name, this.holder, this.ttlSeconds);
    } catch (error) {
      // The store is away: we cannot tell, so we stop acting as holder until it answers.
      this.log.warn('lease.unknown', {
        lease: this.name,
        error: error instanceof Error ? error.name : 'unknown',
      });
      now = false;
    }
    if (now && !this.holding) {
      this.holding = true;
      this.log.info('lease.acquired', { lease: this.name, holder: this.holder });
    }
    if (now && !this.ready) {
      // Taking up the holder's duties can fail (the FHIR server away): tried again next beat.
      try {
        await this.events.acquired();
        this.ready = true;
      } catch (error) {
        this.log.warn('lease.duties-failed', {
          lease: this.name,
          error: error instanceof Error ? error.name : 'unknown',
        });
      }
    } else if (!now && this.holding) {
      this.holding = false;
      this.ready = false;
      this.log.warn('lease.lost', { lease: this.name, holder: this.holder });
      this.events.lost();
    }
    return now;
  }

  /** Stops beating and hands the lease back, so a survivor need not wait for it to lapse. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.beating;
    if (this.holding) await this.store.release(this.name, this.holder).catch(() => undefined);
    this.holding = false;
    this.ready = false;
  }
}
