import { randomUUID } from 'node:crypto';
import type { QuestionnaireLink as QuestionnaireLinkAnswer } from '@linkwell/contracts';
import type { Instrument } from '@linkwell/profiles';
import type { Database } from '../db/database';
import { enqueue } from '../store/case-status';
import { text, type Row } from '../store/rows';

/** A link as the API answers it, and the case it belongs to. */
export interface QuestionnaireLink extends QuestionnaireLinkAnswer {
  readonly caseId: string;
}

const optional = (value: unknown): string | undefined =>
  value === null || value === undefined ? undefined : text(value);

const linkFromRow = (row: Row): QuestionnaireLink => ({
  id: text(row.id),
  caseId: text(row.case_id),
  instrument: text(row.instrument) as Instrument,
  timing: text(row.timing) as QuestionnaireLink['timing'],
  shared: row.shared === true,
  createdBy: text(row.created_by),
  createdAt: text(row.created_at),
  expiresAt: text(row.expires_at),
  usedAt: optional(row.used_at),
  answersId: optional(row.answers_id),
});

export type UseResult =
  | { readonly used: true; readonly answersId: string }
  | { readonly used: false; readonly why: 'unknown' | 'used' | 'expired' };

/** One-time links per case; answering one stores the answers and spends the link atomically. */
export class QuestionnaireLinkStore {
  constructor(private readonly db: Database) {}

  async create(
    input: Pick<QuestionnaireLink, 'caseId' | 'instrument' | 'timing' | 'shared' | 'createdBy'> & {
      expiresAt: string;
    },
  ): Promise<QuestionnaireLink> {
    const id = randomUUID();
    await this.db.query(
      `INSERT INTO questionnaire_links (id, case_id, instrument, timing, shared, created_by,
         created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, now(), $7)`,
      [
        id,
        input.caseId,
        input.instrument,
        input.timing,
        input.shared,
        input.createdBy,
        input.expiresAt,
      ],
    );
    return (await this.link(id)) as QuestionnaireLink;
  }

  async link(id: string): Promise<QuestionnaireLink | undefined> {
    if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
    const [row] = await this.db.query<Row>('SELECT * FROM questionnaire_links WHERE id = $1', [id]);
    return row === undefined ? undefined : linkFromRow(row);
  }

  async ofCase(caseId: string): Promise<QuestionnaireLink[]> {
    const rows = await this.db.query<Row>(
      'SELECT * FROM questionnaire_links WHERE case_id = $1 ORDER BY created_at DESC, id',
      [caseId],
    );
    return rows.map(linkFromRow);
  }

  /**
   * Spends the link and keeps the answers in one transaction: self-completed answers (the patient
   * as who entered them), queued for the GP record when the link said so. A second use loses.
   */
  async answer(
    id: string,
    patientRef: string,
    answers: Readonly<Record<string, number>>,
  ): Promise<UseResult> {
    return this.db.transaction(async (tx): Promise<UseResult> => {
      const answersId = randomUUID();
      const [row] = await tx.query<Row>(
        `UPDATE questionnaire_links SET used_at = now(), answers_id = $2
         WHERE id = $1 AND used_at IS NULL AND expires_at > now() RETURNING *`,
        [id, answersId],
      );
      if (row === undefined) {
        const [seen] = await tx.query<Row>(
          'SELECT used_at FROM questionnaire_links WHERE id = $1',
          [id],
        );
        if (seen === undefined) return { used: false, why: 'unknown' };
        return { used: false, why: seen.used_at === null ? 'expired' : 'used' };
      }
      const link = linkFromRow(row);
      await tx.query(
        `INSERT INTO questionnaire_answers (id, case_id, instrument, timing, answers, authored, shared, link_worker)
         VALUES ($1, $2, $3, $4, $5, now(), $6, $7)`,
        [answersId, link.caseId, link.instrument, link.timing, answers, link.shared, patientRef],
      );
      if (link.shared) await enqueue(tx, link.caseId, 'outcome', answersId, link.createdBy);
      return { used: true, answersId };
    });
  }
}
