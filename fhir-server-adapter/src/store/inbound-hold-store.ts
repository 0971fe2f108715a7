import type { Database } from '../db/database';
import { DEFAULT_ENDPOINT } from '../ehr-endpoints';
import { text, type Row } from './rows';

/** A Task the adapter was told about but did not turn into a case, and why. No patient data. */
export interface InboundHold {
  readonly taskId: string;
  /** The EHR endpoint the Task is on (Task ids are unique per endpoint). */
  readonly endpoint: string;
  readonly reason: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

/** The case a Task already made, as ingest compares it with a newer copy of the Task. */
export interface KnownCase {
  readonly caseId: string;
  readonly referralRef: string;
  readonly patientRef: string;
}

/** Tasks held for review instead of becoming cases (table inbound_holds). */
export class InboundHoldStore {
  constructor(private readonly db: Database) {}

  /**
   * Records (or refreshes) a hold. A resolved hold opens again when the Task is still wrong, but a
   * hold the service dismissed stays dismissed until the Task changes (a new version).
   */
  async hold(
    serviceOrg: string,
    taskId: string,
    reason: string,
    taskVersion: string | undefined,
    endpoint: string = DEFAULT_ENDPOINT,
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO inbound_holds (task_id, service_org, reason, task_version, first_seen, last_seen,
         endpoint)
       VALUES ($1, $2, $3, $4, now(), now(), $5)
       ON CONFLICT (endpoint, task_id) DO UPDATE SET reason = EXCLUDED.reason,
         task_version = EXCLUDED.task_version, last_seen = EXCLUDED.last_seen,
         resolved_at = CASE WHEN inbound_holds.resolved_at IS NOT NULL
           AND inbound_holds.task_version IS NOT DISTINCT FROM EXCLUDED.task_version
           THEN inbound_holds.resolved_at ELSE NULL END`,
      [taskId, serviceOrg, reason, taskVersion ?? null, endpoint],
    );
  }

  /** Marks a hold resolved (the Task became a case after it was corrected). */
  async resolve(taskId: string, endpoint: string = DEFAULT_ENDPOINT): Promise<void> {
    await this.db.query(
      `UPDATE inbound_holds SET resolved_at = now()
       WHERE task_id = $1 AND endpoint = $2 AND resolved_at IS NULL`,
      [taskId, endpoint],
    );
  }

  /**
   * The service reviewed the hold and sets it aside (on one endpoint, or on every endpoint holding
   * that Task id when none is named); false when there is no such open hold.
   */
  async dismiss(serviceOrg: string, taskId: string, endpoint?: string): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE inbound_holds SET resolved_at = now()
       WHERE service_org = $1 AND task_id = $2 AND resolved_at IS NULL
         AND ($3::text IS NULL OR endpoint = $3) RETURNING task_id`,
      [serviceOrg, taskId, endpoint ?? null],
    );
    return rows.length > 0;
  }

  /** The service's open holds, oldest first. */
  async held(serviceOrg: string): Promise<InboundHold[]> {
    const rows = await this.db.query<Row>(
      `SELECT task_id, endpoint, reason, first_seen, last_seen FROM inbound_holds
       WHERE service_org = $1 AND resolved_at IS NULL ORDER BY first_seen, task_id`,
      [serviceOrg],
    );
    return rows.map((row) => ({
      taskId: text(row.task_id),
      endpoint: text(row.endpoint),
      reason: text(row.reason),
      firstSeen: text(row.first_seen),
      lastSeen: text(row.last_seen),
    }));
  }

  /** The case the Task made earlier, if any. */
  async caseOfTask(
    taskId: string,
    endpoint: string = DEFAULT_ENDPOINT,
  ): Promise<KnownCase | undefined> {
    const rows = await this.db.query<Row>(
      'SELECT id, referral_ref, patient_ref FROM cases WHERE endpoint = $1 AND task_id = $2',
      [endpoint, taskId],
    );
    const row = rows[0];
    return row === undefined
      ? undefined
      : {
          caseId: text(row.id),
          referralRef: text(row.referral_ref),
          patientRef: text(row.patient_ref),
        };
  }
}
