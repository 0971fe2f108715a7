import type { CodeableConcept, Task } from 'fhir/r4';
import {
  LINKWELL_CODE_SYSTEMS,
  REFERRAL_BUSINESS_STATUSES,
  statusHistoryOf,
  type ReferralBusinessStatus,
  type StatusStep,
} from '@linkwell/profiles';

export type StepState = 'done' | 'current' | 'stopped';

/** A step that happened, with its date: the timeline never shows steps still to come. */
export interface TimelineStep {
  readonly key: string;
  readonly label: string;
  readonly state: StepState;
  readonly date?: string;
  readonly note?: string;
  /** Who made the change, by name (the link worker the status history names). */
  readonly by?: string;
}

type Status = StatusStep['status'];

const STATUS_WORDS: Record<Status, string> = {
  requested: 'Referral sent',
  accepted: 'Accepted by the link-worker service',
  'in-progress': 'Being supported by the link-worker service',
  'on-hold': 'On hold',
  completed: 'Completed',
  rejected: 'Not accepted by the service',
  cancelled: 'Cancelled',
  failed: 'Closed without completing',
  'entered-in-error': 'Entered in error',
};

const STOPPED_STATUS = new Set<string>(['rejected', 'cancelled', 'failed', 'entered-in-error']);
const GAVE_UP = new Set<string>(['did-not-engage', 'declined']);

export function businessStatusOf(task: Task | undefined): ReferralBusinessStatus | undefined {
  const coding = task?.businessStatus?.coding?.find(
    (c) => c.system === LINKWELL_CODE_SYSTEMS.referralBusinessStatus,
  );
  const code = coding?.code;
  return code !== undefined && code in REFERRAL_BUSINESS_STATUSES
    ? (code as ReferralBusinessStatus)
    : undefined;
}

/** A CodeableConcept in words: its text, else its first coding's display or code. */
export function conceptText(concept: CodeableConcept | undefined): string | undefined {
  return concept?.text ?? concept?.coding?.[0]?.display ?? concept?.coding?.[0]?.code;
}

function stepLabel(status: Status, business: ReferralBusinessStatus | undefined): string {
  if (STOPPED_STATUS.has(status) || business === undefined) return STATUS_WORDS[status];
  return REFERRAL_BUSINESS_STATUSES[business];
}

const stopped = (step: Pick<StatusStep, 'status' | 'businessStatus'>): boolean =>
  STOPPED_STATUS.has(step.status) || GAVE_UP.has(step.businessStatus ?? '');

/** The Task's current state as a step, for a Task without (or ahead of) its recorded history. */
function currentStep(task: Task): StatusStep | undefined {
  if (task.status === 'requested' || task.status === 'draft') return undefined;
  const status = task.status as Status;
  if (!(status in STATUS_WORDS)) return undefined;
  const business = businessStatusOf(task);
  const date = task.lastModified ?? task.meta?.lastUpdated ?? '';
  return { status, date, ...(business === undefined ? {} : { businessStatus: business }) };
}

const same = (a: StatusStep | undefined, b: StatusStep | undefined): boolean =>
  a?.status === b?.status && a?.businessStatus === b?.businessStatus;

/**
 * The steps that happened, oldest first, each with its date: "Referral sent" (authoredOn), then the
 * Task's recorded status history; the Task's current status closes the list when the history does
 * not already end there (or has no entries).
 */
export function timelineOf(task: Task | undefined, authoredOn: string | undefined): TimelineStep[] {
  const history = task === undefined ? [] : statusHistoryOf(task);
  const happened = history.filter(
    (s) => s.status !== 'requested' || s.businessStatus !== undefined,
  );
  const current = task === undefined ? undefined : currentStep(task);
  if (current !== undefined && !same(happened[happened.length - 1], current))
    happened.push(current);
  const sentOn = authoredOn ?? history.find((s) => s.status === 'requested')?.date;
  const reason = conceptText(task?.statusReason);
  const closed = task?.status === 'completed' || (current !== undefined && stopped(current));
  const steps: TimelineStep[] = [
    {
      key: 'sent',
      label: STATUS_WORDS.requested,
      state: 'done',
      ...(sentOn ? { date: sentOn } : {}),
    },
    ...happened.map((step, i): TimelineStep => {
      const last = i === happened.length - 1;
      const state: StepState = stopped(step) ? 'stopped' : 'done';
      return {
        key: `step-${i}`,
        label: stepLabel(step.status, step.businessStatus),
        state,
        ...(step.date === '' ? {} : { date: step.date }),
        ...(step.by === undefined ? {} : { by: step.by.display }),
        ...(last && state === 'stopped' && reason !== undefined ? { note: reason } : {}),
      };
    }),
  ];
  const last = steps[steps.length - 1];
  if (!closed && last?.state === 'done') steps[steps.length - 1] = { ...last, state: 'current' };
  return steps;
}

/** The Task's status in a GP's words, for the referral's heading tag. */
export function statusLabel(task: Task | undefined): string {
  if (task === undefined) return 'Sent';
  const business = businessStatusOf(task);
  if (STOPPED_STATUS.has(task.status)) return STATUS_WORDS[task.status as Status];
  if (task.status === 'completed') return 'Completed';
  if (business !== undefined) return REFERRAL_BUSINESS_STATUSES[business];
  return task.status === 'requested' ? 'Waiting for the service' : 'Accepted';
}
