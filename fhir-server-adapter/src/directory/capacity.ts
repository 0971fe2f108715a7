import type { Database } from '../db/database';
import { text } from '../store/rows';
import type { FeedStatus } from './entry';

import { CAPACITY_LABELS, CAPACITY_STATES, type CapacityState } from '@linkwell/contracts';

// The states and their words are the contract's list, shared with the app.
export { CAPACITY_LABELS, CAPACITY_STATES, type CapacityState };

export interface Capacity {
  readonly state: CapacityState;
  readonly expectedWaitWeeks: number | undefined;
  readonly note: string | undefined;
  /** When someone last confirmed it (the feed's assured date when only the feed says). */
  readonly confirmedAt: string | undefined;
  /** `feed`, `coordinator`, or the link worker's `Practitioner/<id>` who updated it for the service. */
  readonly confirmedBy: string;
}

/** What the feed says when nobody has confirmed capacity: its status and assured date. */
export function feedCapacity(status: FeedStatus, assuredDate: string | undefined): Capacity {
  const state: CapacityState =
    status === 'temporarily closed'
      ? 'paused'
      : status === 'active'
        ? 'taking-referrals'
        : 'closed';
  return {
    state,
    expectedWaitWeeks: undefined,
    note: undefined,
    confirmedAt: assuredDate,
    confirmedBy: 'feed',
  };
}

/** A link worker is asked to confirm before referring to a service in one of these states. */
export const needsWarning = (capacity: Capacity): boolean =>
  capacity.state === 'paused' || capacity.state === 'closed';

type Row = Record<string, unknown>;

/** Capacity as the service (or a link worker for it) last confirmed it; the import never touches it. */
export class CapacityStore {
  constructor(private readonly db: Database) {}

  async confirmed(serviceIds: readonly string[]): Promise<Map<string, Capacity>> {
    if (serviceIds.length === 0) return new Map();
    const rows = await this.db.query<Row>(
      'SELECT * FROM directory_capacity WHERE service_id = ANY($1::text[])',
      [serviceIds as string[]],
    );
    return new Map(
      rows.map((r) => [
        text(r.service_id),
        {
          state: text(r.state) as CapacityState,
          expectedWaitWeeks:
            r.expected_wait_weeks === null ? undefined : Number(r.expected_wait_weeks),
          note: r.note === null ? undefined : text(r.note),
          confirmedAt: text(r.confirmed_at),
          confirmedBy: text(r.confirmed_by),
        },
      ]),
    );
  }

  async confirm(
    serviceId: string,
    update: { state: CapacityState; expectedWaitWeeks?: number; note?: string },
    by: string,
  ): Promise<Capacity> {
    const at = new Date().toISOString();
    const wait = update.state === 'waiting-list' ? (update.expectedWaitWeeks ?? null) : null;
    await this.db.query(
      `INSERT INTO directory_capacity (service_id, state, expected_wait_weeks, note, confirmed_at, confirmed_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (service_id) DO UPDATE SET state = EXCLUDED.state, expected_wait_weeks = EXCLUDED.expected_wait_weeks,
         note = EXCLUDED.note, confirmed_at = EXCLUDED.confirmed_at, confirmed_by = EXCLUDED.confirmed_by`,
      [serviceId, update.state, wait, update.note ?? null, at, by],
    );
    return {
      state: update.state,
      expectedWaitWeeks: wait ?? undefined,
      note: update.note,
      confirmedAt: at,
      confirmedBy: by,
    };
  }
}
