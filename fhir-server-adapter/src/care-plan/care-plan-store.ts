import { randomUUID } from 'node:crypto';
import type { AssessedNeed, CarePlanAction, PersonalisedPlan } from '@linkwell/contracts';
import type { ActionStatus, ReferralNeed } from '@linkwell/profiles';
import type { Database, Queryable } from '../db/database';
import { enqueue } from '../store/case-status';
import { text, type Row } from '../store/rows';

// The stored parts of the plan are the contract's answers, with the case they belong to.

export interface AssessedNeedRecord extends AssessedNeed {
  readonly caseId: string;
}

export interface ActionRecord extends CarePlanAction {
  readonly caseId: string;
}

export interface CarePlanRecord extends PersonalisedPlan {
  readonly caseId: string;
}

/** Everything the plan is built from, for one case. */
export interface CarePlanParts {
  readonly plan: CarePlanRecord | undefined;
  readonly needs: readonly AssessedNeedRecord[];
  readonly actions: readonly ActionRecord[];
}

const optional = (value: unknown): string | undefined =>
  value === null || value === undefined ? undefined : text(value);
const day = (value: unknown): string | undefined => optional(value)?.slice(0, 10);

const needFromRow = (row: Row): AssessedNeedRecord => ({
  id: text(row.id),
  caseId: text(row.case_id),
  need: text(row.need) as ReferralNeed,
  concern: optional(row.concern),
  assessedBy: text(row.assessed_by),
  assessedAt: text(row.assessed_at),
});

const actionFromRow = (row: Row): ActionRecord => ({
  id: text(row.id),
  caseId: text(row.case_id),
  description: text(row.description),
  who: optional(row.who),
  due: day(row.due),
  status: text(row.status) as ActionStatus,
  createdBy: text(row.created_by),
  createdAt: text(row.created_at),
});

const planFromRow = (row: Row): CarePlanRecord => ({
  caseId: text(row.case_id),
  whatMatters: optional(row.what_matters),
  shared: row.shared === true,
  updatedBy: text(row.updated_by),
  updatedAt: text(row.updated_at),
});

/**
 * Needs as assessed, agreed actions and the plan itself. Once the plan is shared, any change to it
 * is committed with an outbox row (kind `careplan`, the case id), so the GP's copy keeps up.
 */
export class CarePlanStore {
  constructor(private readonly db: Database) {}

  private async resendIfShared(tx: Queryable, caseId: string, by: string): Promise<void> {
    const [row] = await tx.query<Row>('SELECT shared FROM care_plans WHERE case_id = $1', [caseId]);
    if (row?.shared === true) await enqueue(tx, caseId, 'careplan', caseId, by);
  }

  async addNeed(caseId: string, need: ReferralNeed, concern: string | undefined, by: string) {
    const id = randomUUID();
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO case_assessed_needs (id, case_id, need, concern, assessed_by, assessed_at)
         VALUES ($1, $2, $3, $4, $5, now())`,
        [id, caseId, need, concern ?? null, by],
      );
      await this.resendIfShared(tx, caseId, by);
    });
    return (await this.parts(caseId)).needs.find((n) => n.id === id) as AssessedNeedRecord;
  }

  async addAction(
    caseId: string,
    input: { description: string; who: string | undefined; due: string | undefined },
    by: string,
  ): Promise<ActionRecord> {
    const id = randomUUID();
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO care_plan_actions (id, case_id, description, who, due, status, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, 'agreed', $6, now())`,
        [id, caseId, input.description, input.who ?? null, input.due ?? null, by],
      );
      await this.resendIfShared(tx, caseId, by);
    });
    return (await this.action(id)) as ActionRecord;
  }

  async setActionStatus(
    action: ActionRecord,
    status: ActionStatus,
    by: string,
  ): Promise<ActionRecord> {
    await this.db.transaction(async (tx) => {
      await tx.query('UPDATE care_plan_actions SET status = $2 WHERE id = $1', [action.id, status]);
      await this.resendIfShared(tx, action.caseId, by);
    });
    return (await this.action(action.id)) as ActionRecord;
  }

  async action(id: string): Promise<ActionRecord | undefined> {
    const [row] = await this.db.query<Row>('SELECT * FROM care_plan_actions WHERE id = $1', [id]);
    return row === undefined ? undefined : actionFromRow(row);
  }

  /** What matters and whether the plan is shared; sharing (or a change once shared) is sent. */
  async setPlan(
    caseId: string,
    input: { whatMatters: string | undefined; shared: boolean },
    by: string,
  ): Promise<CarePlanRecord> {
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO care_plans (case_id, what_matters, shared, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (case_id) DO UPDATE SET what_matters = $2, shared = $3, updated_by = $4,
           updated_at = now()`,
        [caseId, input.whatMatters ?? null, input.shared, by],
      );
      await this.resendIfShared(tx, caseId, by);
    });
    return (await this.parts(caseId)).plan as CarePlanRecord;
  }

  async parts(caseId: string): Promise<CarePlanParts> {
    const [plans, needs, actions] = await Promise.all([
      this.db.query<Row>('SELECT * FROM care_plans WHERE case_id = $1', [caseId]),
      this.db.query<Row>(
        'SELECT * FROM case_assessed_needs WHERE case_id = $1 ORDER BY assessed_at, id',
        [caseId],
      ),
      this.db.query<Row>(
        'SELECT * FROM care_plan_actions WHERE case_id = $1 ORDER BY created_at, id',
        [caseId],
      ),
    ]);
    return {
      plan: plans[0] === undefined ? undefined : planFromRow(plans[0]),
      needs: needs.map(needFromRow),
      actions: actions.map(actionFromRow),
    };
  }
}
