import { ProfileInputError, type ReferralTaskOutput } from '@linkwell/profiles';
import { writeBackAllowed, type OutboxChange } from '../store/records';
import type { CaseSnapshot } from './plan-input';
import { consentUnit, supersedeUnit, taskUnit } from './plan-task';
import { summaryUnit } from './summary';
import {
  outputsOf,
  recordUnit,
  type RecordChanges,
  type ServerCopies,
  type WriteUnit,
} from './units';

// PLAN: outbox rows and the cases they touch in, write units out. No I/O; a record that cannot be
// mapped is held with a message for the link worker and the rest of the batch goes on.

export const NO_WRITE_BACK = 'The patient has not agreed to write-back';

export interface Hold {
  readonly change: RecordChanges;
  readonly message: string;
}

export interface Plan {
  readonly units: WriteUnit[];
  readonly holds: Hold[];
  /** Outbox rows with nothing (more) to write. */
  readonly done: number[];
}

export interface PlanOptions {
  /** Update the Task's outputs for new resources (off while finding which record a server refused). */
  readonly linkOutputs?: boolean;
  /**
   * Cases whose Task waits for a later batch (more of their rows are queued behind this one, and a
   * pending Task row at the end of their queue writes every output then): their new resources are
   * written now, their Task once, with all of them, instead of once per batch.
   */
  readonly deferTasks?: ReadonlySet<string>;
}

const CLINICAL = new Set(['goal', 'outcome', 'onward', 'risk', 'careplan']);
const TERMINAL_ELSEWHERE = new Set(['cancelled', 'entered-in-error', 'completed', 'failed']);

/** One group per record: every outbox row about it; the latest row's link worker acts. */
export function groupByRecord(changes: readonly OutboxChange[]): RecordChanges[] {
  const groups = new Map<string, RecordChanges>();
  for (const change of changes) {
    const key = `${change.kind}/${change.recordId}`;
    const group = groups.get(key);
    groups.set(key, {
      kind: change.kind,
      recordId: change.recordId,
      caseId: change.caseId,
      seqs: [...(group?.seqs ?? []), change.seq],
      linkWorker: change.linkWorker,
    });
  }
  return [...groups.values()];
}

/** A mapper's refusal in words a link worker can act on (no patient data: field and rule). */
function reasonOf(change: RecordChanges, error: unknown): string {
  const what = change.kind === 'task' ? "The referral's Task" : `This ${change.kind}`;
  if (error instanceof ProfileInputError) return `${what} could not be written: ${error.message}`;
  const detail = error instanceof Error ? error.message : String(error);
  return `${what} could not be prepared for the EHR: ${detail}`;
}

export function planBatch(
  groups: readonly RecordChanges[],
  snapshots: ReadonlyMap<string, CaseSnapshot>,
  copies: ServerCopies,
  options: PlanOptions = {},
): Plan {
  const plan: Plan = { units: [], holds: [], done: [] };
  const attempt = (change: RecordChanges, build: () => WriteUnit | undefined): void => {
    try {
      const unit = build();
      if (unit === undefined) plan.done.push(...change.seqs);
      else plan.units.push(unit);
    } catch (error) {
      plan.holds.push({ change, message: reasonOf(change, error) });
    }
  };
  const tasks = new Map<string, RecordChanges>();
  const summaries: RecordChanges[] = [];
  for (const change of groups) {
    const snap = snapshots.get(change.caseId);
    if (snap === undefined) {
      plan.holds.push({ change, message: 'The case this change belongs to no longer exists.' });
    } else if (change.kind === 'task') {
      tasks.set(change.caseId, change);
    } else if (change.kind === 'summary') {
      summaries.push(change);
    } else if (change.kind === 'consent') {
      attempt(change, () => consentUnit(change, snap));
    } else if (change.kind === 'supersede') {
      // Administrative, not clinical: closing the service's own duplicate needs no write-back consent.
      attempt(change, () => supersedeUnit(change, snap));
    } else if (CLINICAL.has(change.kind) && !writeBackAllowed(snap.consent)) {
      // Checked now, at plan time: from the moment of a withdrawal nothing more goes back.
      plan.holds.push({ change, message: NO_WRITE_BACK });
    } else {
      attempt(change, () => recordUnit(change, snap, copies));
    }
  }
  // The Task and the summary go last, so they can point at resources created in the same Bundle.
  const created = new Map<string, ReferralTaskOutput[]>();
  for (const unit of plan.units) {
    const outputs = outputsOf(unit);
    if (outputs.length > 0)
      created.set(unit.caseId, [...(created.get(unit.caseId) ?? []), ...outputs]);
  }
  const linking = options.linkOutputs ?? true;
  const deferred = options.deferTasks ?? new Set<string>();
  const taskCases = new Set([
    ...tasks.keys(),
    ...(linking ? [...created.keys()].filter((caseId) => !deferred.has(caseId)) : []),
  ]);
  for (const caseId of taskCases) {
    const snap = snapshots.get(caseId);
    if (snap === undefined) continue;
    const first = plan.units.find((u) => u.caseId === caseId);
    const change = tasks.get(caseId) ?? {
      kind: 'task' as const,
      recordId: caseId,
      caseId,
      seqs: [],
      linkWorker: groups.find((g) => g.seqs[0] === first?.seqs[0])?.linkWorker ?? '',
    };
    const { task, status } = snap.record;
    if (TERMINAL_ELSEWHERE.has(task.status) && task.status !== status) {
      plan.holds.push({
        change,
        message: `The referral's Task is ${task.status} in the EHR; it was not changed. Review the case.`,
      });
      continue;
    }
    attempt(change, () =>
      taskUnit(change, snap, copies, linking ? (created.get(caseId) ?? []) : []),
    );
  }
  for (const change of summaries) {
    const snap = snapshots.get(change.caseId);
    if (snap === undefined) continue;
    attempt(change, () => summaryUnit(change, snap, created.get(change.caseId) ?? []));
  }
  return plan;
}
