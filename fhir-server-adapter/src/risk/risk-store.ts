import { randomUUID } from 'node:crypto';
import type { CaseCommunication, RecordedRisk } from '@linkwell/contracts';
import type { CommunicationNeeds, RiskType } from '@linkwell/profiles';
import type { Database } from '../db/database';
import { enqueue } from '../store/case-status';
import { text, type Row } from '../store/rows';

/** A risk the case holds (the contract's answer): from the referrer's Flag, or a link worker's. */
export interface RiskRecord extends RecordedRisk {
  readonly caseId: string;
  /** The referrer's `Flag/<id>` on the EHR, for risks that came with the referral. */
  readonly sourceFlag: string | undefined;
}

export interface CommunicationRecord extends CaseCommunication {
  readonly caseId: string;
}

/** A risk read from the referrer's Flag at ingest. */
export interface ReferredRisk {
  readonly flagRef: string;
  readonly type: RiskType;
  readonly detail: string | undefined;
  readonly active: boolean;
  /** Who recorded it (the Flag's author). */
  readonly author: string;
  readonly start: string;
}

const optional = (value: unknown): string | undefined =>
  value === null || value === undefined ? undefined : text(value);

function riskFromRow(row: Row): RiskRecord {
  return {
    id: text(row.id),
    caseId: text(row.case_id),
    type: text(row.risk_type) as RiskType,
    detail: optional(row.detail),
    status: text(row.status) as RiskRecord['status'],
    source: text(row.source) as RiskRecord['source'],
    sourceFlag: optional(row.source_flag),
    shareWithGp: row.share_with_gp === true,
    recordedBy: text(row.recorded_by),
    recordedAt: text(row.recorded_at),
    reviewedBy: optional(row.reviewed_by),
    reviewedAt: optional(row.reviewed_at),
    resolvedAt: optional(row.resolved_at),
  };
}

function communicationFromRow(row: Row): CommunicationRecord {
  return {
    caseId: text(row.case_id),
    needs: row.needs as CommunicationNeeds,
    source: text(row.source) as CommunicationRecord['source'],
    updatedBy: optional(row.updated_by),
    updatedAt: text(row.updated_at),
  };
}

/**
 * Risks and communication needs per case. A risk the link worker marks for the GP is committed
 * with its outbox row (kind `risk`), so the Flag goes back even if the adapter stops right after.
 */
export class RiskStore {
  constructor(private readonly db: Database) {}

  /** What the referral carried, once per Flag (a later ingest of the same Task adds nothing). */
  async fromReferral(
    caseId: string,
    risks: readonly ReferredRisk[],
    communication: CommunicationNeeds | undefined,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const risk of risks) {
        await tx.query(
          `INSERT INTO case_risks (id, case_id, risk_type, detail, status, source, source_flag,
             share_with_gp, recorded_by, recorded_at)
           VALUES ($1, $2, $3, $4, $5, 'referral', $6, false, $7, $8)
           ON CONFLICT (case_id, source_flag) DO NOTHING`,
          [
            randomUUID(),
            caseId,
            risk.type,
            risk.detail ?? null,
            risk.active ? 'active' : 'resolved',
            risk.flagRef,
            risk.author,
            risk.start,
          ],
        );
      }
      if (communication !== undefined) {
        await tx.query(
          `INSERT INTO case_communication_needs (case_id, needs, source, updated_at)
           VALUES ($1, $2, 'referral', now()) ON CONFLICT (case_id) DO NOTHING`,
          [caseId, communication as Record<string, unknown>],
        );
      }
    });
  }

  async add(
    caseId: string,
    input: { type: RiskType; detail: string | undefined; shareWithGp: boolean },
    linkWorker: string,
  ): Promise<RiskRecord> {
    const id = randomUUID();
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO case_risks (id, case_id, risk_type, detail, status, source, share_with_gp,
           recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, 'active', 'link-worker', $5, $6, now())`,
        [id, caseId, input.type, input.detail ?? null, input.shareWithGp, linkWorker],
      );
      if (input.shareWithGp) await enqueue(tx, caseId, 'risk', id, linkWorker);
    });
    return (await this.risk(id)) as RiskRecord;
  }

  /** A review: still active or resolved, the words brought up to date, the GP told or not. */
  async review(
    risk: RiskRecord,
    patch: { status: RiskRecord['status']; detail: string | undefined; shareWithGp: boolean },
    linkWorker: string,
  ): Promise<RiskRecord> {
    await this.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE case_risks SET status = $2, detail = $3, share_with_gp = $4, reviewed_by = $5,
           reviewed_at = now(),
           resolved_at = CASE WHEN $2 = 'resolved' THEN COALESCE(resolved_at, now()) ELSE NULL END
         WHERE id = $1`,
        [risk.id, patch.status, patch.detail ?? null, patch.shareWithGp, linkWorker],
      );
      if (patch.shareWithGp) await enqueue(tx, risk.caseId, 'risk', risk.id, linkWorker);
    });
    return (await this.risk(risk.id)) as RiskRecord;
  }

  async risks(caseId: string): Promise<RiskRecord[]> {
    const rows = await this.db.query<Row>(
      'SELECT * FROM case_risks WHERE case_id = $1 ORDER BY recorded_at, id',
      [caseId],
    );
    return rows.map(riskFromRow);
  }

  async risk(id: string): Promise<RiskRecord | undefined> {
    const [row] = await this.db.query<Row>('SELECT * FROM case_risks WHERE id = $1', [id]);
    return row === undefined ? undefined : riskFromRow(row);
  }

  async communication(caseId: string): Promise<CommunicationRecord | undefined> {
    const [row] = await this.db.query<Row>(
      'SELECT * FROM case_communication_needs WHERE case_id = $1',
      [caseId],
    );
    return row === undefined ? undefined : communicationFromRow(row);
  }

  async setCommunication(
    caseId: string,
    needs: CommunicationNeeds,
    linkWorker: string,
  ): Promise<CommunicationRecord> {
    await this.db.query(
      `INSERT INTO case_communication_needs (case_id, needs, source, updated_by, updated_at)
       VALUES ($1, $2, 'link-worker', $3, now())
       ON CONFLICT (case_id) DO UPDATE SET needs = $2, source = 'link-worker', updated_by = $3,
         updated_at = now()`,
      [caseId, needs as Record<string, unknown>, linkWorker],
    );
    return (await this.communication(caseId)) as CommunicationRecord;
  }
}
