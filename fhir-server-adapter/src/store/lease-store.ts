import type { Database } from '../db/database';
import type { Row } from './rows';

/**
 * Named leases in the shared store: at most one holder per name until the lease runs out.
 * Time is the database's (`now()`), so the processes' clocks never need to agree.
 */
export class LeaseStore {
  constructor(private readonly db: Database) {}

  /** Takes or renews `name` for `ttlSeconds`; true when `holder` has it now. */
  async acquire(name: string, holder: string, ttlSeconds: number): Promise<boolean> {
    const rows = await this.db.query<Row>(
      `INSERT INTO leases (name, holder, until) VALUES ($1, $2, now() + make_interval(secs => $3))
       ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, until = EXCLUDED.until
       WHERE leases.holder = EXCLUDED.holder OR leases.until <= now()
       RETURNING holder`,
      [name, holder, ttlSeconds],
    );
    return rows.length > 0;
  }

  /** Gives the lease up at once (a clean stop), so another process need not wait for it to lapse. */
  async release(name: string, holder: string): Promise<void> {
    await this.db.query('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
  }

  async holderOf(name: string): Promise<string | undefined> {
    const rows = await this.db.query<Row>(
      'SELECT holder FROM leases WHERE name = $1 AND until > now()',
      [name],
    );
    return rows[0] === undefined ? undefined : String(rows[0].holder);
  }
}
