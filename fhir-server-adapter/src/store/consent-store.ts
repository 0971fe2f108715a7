import type { Database } from '../db/database';
import type { CaseConsent } from './records';
import { text, type Row } from './rows';

/** What a Consent on the EHR says, as the case keeps it (see sync/inbound-consent.ts). */
export type ConsentFacts = Omit<CaseConsent, 'caseId' | 'researchChangedAt' | 'researchChangedBy'>;

/** Who withdrew consent and when, as the link worker records it. */
export interface Withdrawal {
  /** ISO date-time of the withdrawal. */
  readonly at: string;
  /** `Practitioner/<id>` of the link worker (the outbox row's link_worker). */
  readonly practitioner: string;
  /** The link worker's name, shown on both sides. */
  readonly name: string;
}

const optional = (value: unknown): string | undefined =>
  value === null || value === undefined ? undefined : text(value);

function consentFromRow(row: Row): CaseConsent {
  const consentId = optional(row.consent_id);
  const researchChangedAt = optional(row.research_changed_at);
  const researchChangedBy = optional(row.research_changed_by);
  return {
    caseId: text(row.case_id),
    consentRef: consentId === undefined ? undefined : `Consent/${consentId}`,
    versionId: optional(row.version_id),
    status: text(row.status),
    shareWithService: row.share_with_service === true,
    writeBack: row.write_back === true,
    recordedAt: optional(row.recorded_at),
    recordedBy: optional(row.recorded_by),
    withdrawnAt: optional(row.withdrawn_at),
    withdrawnBy: optional(row.withdrawn_by),
    research: row.research === true,
    ...(researchChangedAt === undefined ? {} : { researchChangedAt }),
    ...(researchChangedBy === undefined ? {} : { researchChangedBy }),
  };
}

/**
 * What the patient agreed to, per case: the Consent the Referral pointed at, kept fresh from the
 * EHR. A withdrawal is one-way: a later copy from the EHR never makes a withdrawn consent active.
 */
export class ConsentStore {
  constructor(private readonly db: Database) {}

  async consentOf(caseId: string): Promise<CaseConsent | undefined> {
    const row = await this.consentRow(caseId);
    return row === undefined ? undefined : consentFromRow(row);
  }

  /** The cases whose consent is `Consent/<consentId>`. */
  async casesWithConsent(consentId: string): Promise<string[]> {
    const rows = await this.db.query<Row>(
      'SELECT case_id FROM case_consents WHERE consent_id = $1',
      [consentId],
    );
    return rows.map((row) => text(row.case_id));
  }

  /**
   * Records the EHR's copy of the case's Consent unless the case already holds a newer version of
   * it, in one statement (a notification and a poll may race). A withdrawal already recorded here
   * stays, even against a copy of the Consent read before the withdrawal reached the EHR.
   */
  async record(caseId: string, facts: ConsentFacts): Promise<CaseConsent> {
    const rows = await this.db.query<Row>(
      `INSERT INTO case_consents AS held (case_id, consent_id, version_id, status,
         share_with_service, write_back, recorded_at, recorded_by, withdrawn_at, withdrawn_by,
         research, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 AND $9::timestamptz IS NULL, now())
       ON CONFLICT (case_id) DO UPDATE SET consent_id = EXCLUDED.consent_id,
         version_id = EXCLUDED.version_id,
         status = CASE WHEN held.withdrawn_at IS NOT NULL AND EXCLUDED.withdrawn_at IS NULL
           THEN 'inactive' ELSE EXCLUDED.status END,
         share_with_service = EXCLUDED.share_with_service, write_back = EXCLUDED.write_back,
         recorded_at = EXCLUDED.recorded_at, recorded_by = EXCLUDED.recorded_by,
         withdrawn_at = COALESCE(EXCLUDED.withdrawn_at, held.withdrawn_at),
         withdrawn_by = CASE WHEN EXCLUDED.withdrawn_at IS NULL THEN held.withdrawn_by
           ELSE EXCLUDED.withdrawn_by END,
         research = CASE WHEN held.withdrawn_at IS NOT NULL OR EXCLUDED.withdrawn_at IS NOT NULL
             THEN false
           WHEN held.research_changed_at IS NOT NULL THEN held.research
           ELSE EXCLUDED.research END,
         updated_at = EXCLUDED.updated_at
       WHERE CASE
         WHEN held.consent_id IS DISTINCT FROM EXCLUDED.consent_id THEN true
         WHEN held.version_id ~ '^[0-9]+$' AND EXCLUDED.version_id ~ '^[0-9]+$'
           THEN EXCLUDED.version_id::bigint >= held.version_id::bigint
         ELSE true END
       RETURNING *`,
      [
        caseId,
        facts.consentRef?.replace(/^Consent\//, '') ?? null,
        facts.versionId ?? null,
        facts.status,
        facts.shareWithService,
        facts.writeBack,
        facts.recordedAt ?? null,
        facts.recordedBy ?? null,
        facts.withdrawnAt ?? null,
        facts.withdrawnBy ?? null,
        facts.research,
      ],
    );
    const stored = rows[0] ?? (await this.consentRow(caseId));
    if (stored === undefined) throw new Error(`the consent of case ${caseId} vanished`);
    return consentFromRow(stored);
  }

  private async consentRow(caseId: string): Promise<Row | undefined> {
    return (
      await this.db.query<Row>('SELECT * FROM case_consents WHERE case_id = $1', [caseId])
    )[0];
  }

  /**
   * The link worker records (or withdraws) the person's research permission for the case. Kept in
   * the store: a later copy of the EHR's Consent does not undo it, and a withdrawal of the consent
   * to share ends it. An outbox row (kind `consent`) asks the outbound sync to update the EHR's
   * Consent to match. Returns the consent as it now is (research still false when asked to permit
   * it on a consent no longer in force), or undefined when the case has no consent row.
   */
  async setResearch(
    caseId: string,
    permitted: boolean,
    change: Withdrawal,
  ): Promise<CaseConsent | undefined> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<Row>(
        `UPDATE case_consents SET research = $2, research_changed_at = $3,
           research_changed_by = $4, updated_at = now()
         WHERE case_id = $1 AND (NOT $2::boolean
           OR (status = 'active' AND share_with_service AND withdrawn_at IS NULL))
         RETURNING *`,
        [caseId, permitted, change.at, change.name],
      );
      if (rows[0] === undefined) {
        const existing = await tx.query<Row>('SELECT * FROM case_consents WHERE case_id = $1', [
          caseId,
        ]);
        return existing[0] === undefined ? undefined : consentFromRow(existing[0]);
      }
      const consent = consentFromRow(rows[0]);
      // The EHR's Consent follows (kind `consent`), while the consent is in force there.
      if (consent.consentRef !== undefined && consent.withdrawnAt === undefined) {
        await tx.query(
          `INSERT INTO outbox (case_id, kind, record_id, link_worker, created_at)
           VALUES ($1, 'consent', $1, $2, now())`,
          [caseId, change.practitioner],
        );
      }
      return consent;
    });
  }

  /**
   * The link worker records a withdrawal: the case stops write-back now, and an outbox row
   * (kind `consent`, record id = the case id) asks the outbound sync to PUT the withdrawn Consent.
   * Returns undefined when the case has no consent row; an already withdrawn consent is kept as is.
   */
  async withdraw(caseId: string, withdrawal: Withdrawal): Promise<CaseConsent | undefined> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<Row>(
        `UPDATE case_consents SET status = 'inactive', withdrawn_at = $2, withdrawn_by = $3,
           research = false, updated_at = now()
         WHERE case_id = $1 AND withdrawn_at IS NULL RETURNING *`,
        [caseId, withdrawal.at, withdrawal.name],
      );
      if (rows[0] === undefined) {
        const existing = await tx.query<Row>('SELECT * FROM case_consents WHERE case_id = $1', [
          caseId,
        ]);
        return existing[0] === undefined ? undefined : consentFromRow(existing[0]);
      }
      const consent = consentFromRow(rows[0]);
      if (consent.consentRef !== undefined) {
        await tx.query(
          `INSERT INTO outbox (case_id, kind, record_id, link_worker, created_at)
           VALUES ($1, 'consent', $1, $2, now())`,
          [caseId, withdrawal.practitioner],
        );
      }
      return consent;
    });
  }
}
