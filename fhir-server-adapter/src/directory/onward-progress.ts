import { ONWARD_REFERRAL_NEXT as NEXT, type OnwardReferralState } from '@linkwell/profiles';
import type { Database } from '../db/database';
import { conflict, notFound } from '../errors';
import { enqueue } from '../store/case-status';
import { onwardFromRow } from '../store/rows';
import type { OnwardReferralRecord } from '../store/records';

export const nextStates = (state: OnwardReferralState): readonly OnwardReferralState[] =>
  NEXT[state];

/** Per service: how it answers and whether people get there (from the onward referrals' reports). */
export interface TrackRecord {
  readonly referrals: number;
  readonly replied: number;
  /** Accepted of those answered, 0..1; undefined before any answer. */
  readonly acceptanceRate: number | undefined;
  readonly medianDaysToReply: number | undefined;
  /** Attended of those accepted whose attendance is known, 0..1. */
  readonly attendanceRate: number | undefined;
}

type Row = Record<string, unknown>;

/** The community service's reports on onward referrals, and the track record they add up to. */
export class OnwardProgressStore {
  constructor(private readonly db: Database) {}

  async forService(serviceRef: string): Promise<OnwardReferralRecord[]> {
    const rows = await this.db.query<Row>(
      'SELECT * FROM onward_referrals WHERE service_ref = $1 ORDER BY authored_on DESC LIMIT 200',
      [serviceRef],
    );
    return rows.map(onwardFromRow);
  }

  async one(id: string): Promise<OnwardReferralRecord | undefined> {
    const [row] = await this.db.query<Row>('SELECT * FROM onward_referrals WHERE id = $1', [id]);
    return row === undefined ? undefined : onwardFromRow(row);
  }

  /** Records a report; a step that cannot follow the current one is a conflict, nothing written. */
  async report(
    id: string,
    state: OnwardReferralState,
    reason: string | undefined,
    by: string,
  ): Promise<OnwardReferralRecord> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<Row>('SELECT * FROM onward_referrals WHERE id = $1 FOR UPDATE', [
        id,
      ]);
      if (row === undefined) throw notFound('There is no such onward referral.');
      const current = onwardFromRow(row);
      const from = current.state ?? 'awaiting-reply';
      if (!NEXT[from].includes(state)) {
        throw conflict(
          `The referral is "${from}"; it cannot become "${state}" (next: ${NEXT[from].join(', ') || 'none'}).`,
        );
      }
      const at = new Date().toISOString();
      const answer = state === 'accepted' || state === 'declined';
      const [updated] = await tx.query<Row>(
        `UPDATE onward_referrals SET state = $2, state_reason = $3, state_at = $4,
           replied_at = CASE WHEN $5::boolean THEN COALESCE(replied_at, $4::timestamptz) ELSE replied_at END,
           status = CASE WHEN $2 = 'completed' THEN 'completed' ELSE status END
         WHERE id = $1 RETURNING *`,
        [id, state, reason ?? null, at, answer],
      );
      await tx.query(
        'INSERT INTO onward_referral_events (onward_id, state, reason, at, by_whom) VALUES ($1, $2, $3, $4, $5)',
        [id, state, reason ?? null, at, by],
      );
      if (current.shared) await enqueue(tx, current.caseId, 'onward', id, current.linkWorker);
      return onwardFromRow(updated as Row);
    });
  }

  async trackRecords(serviceRefs: readonly string[]): Promise<Map<string, TrackRecord>> {
    if (serviceRefs.length === 0) return new Map();
    const rows = await this.db.query<Row>(
      `SELECT service_ref,
         count(*)::int AS referrals,
         count(replied_at)::int AS replied,
         count(*) FILTER (WHERE state IN ('accepted', 'first-attended', 'completed', 'did-not-attend'))::int AS accepted,
         count(*) FILTER (WHERE state IN ('first-attended', 'completed'))::int AS attended,
         count(*) FILTER (WHERE state = 'did-not-attend')::int AS missed,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM replied_at - authored_on) / 86400)
           FILTER (WHERE replied_at IS NOT NULL) AS median_days
       FROM onward_referrals WHERE service_ref = ANY($1::text[]) GROUP BY service_ref`,
      [serviceRefs as string[]],
    );
    return new Map(
      rows.map((r) => {
        const replied = Number(r.replied);
        const accepted = Number(r.accepted);
        const attended = Number(r.attended);
        const known = attended + Number(r.missed);
        return [
          String(r.service_ref),
          {
            referrals: Number(r.referrals),
            replied,
            acceptanceRate: replied === 0 ? undefined : accepted / replied,
            medianDaysToReply:
              r.median_days === null ? undefined : Math.round(Number(r.median_days) * 10) / 10,
            attendanceRate: known === 0 ? undefined : attended / known,
          },
        ];
      }),
    );
  }
}
