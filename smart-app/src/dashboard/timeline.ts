import type { CodeableConcept, Task } from 'fhir/r4';
import {
  LINKWELL_CODE_SYSTEMS,
  REFERRAL_BUSINESS_STATUSES,
  type ReferralBusinessStatus,
} from '@linkwell/profiles';

export type StepState = 'done' | 'current' | 'upcoming' | 'stopped';

export interface TimelineStep {
  readonly key: string;
  readonly label: string;
  readonly state: StepState;
  readonly date?: string;
  readonly note?: string;
}

const STEPS = [
  { key: 'requested', label: 'Referral sent' },
  { key: 'accepted', label: 'Accepted by the link-worker service' },
  { key: 'contacted', label: 'Person contacted' },
  { key: 'first-meeting', label: 'First meeting held' },
  { key: 'plan-agreed', label: 'Plan agreed' },
  { key: 'connected', label: 'Connected to community support' },
  { key: 'completed', label: 'Completed' },
] as const;

/** How far each business status has come, as an index into STEPS. */
const BUSINESS_STEP: Record<ReferralBusinessStatus, number> = {
  'awaiting-contact': 1,
  'contact-attempted': 1,
  contacted: 2,
  'first-meeting': 3,
  'plan-agreed': 4,
  connected: 5,
  'follow-up': 5,
  discharged: 6,
  'did-not-engage': 1,
  declined: 1,
};

const STOPPED: Partial<Record<Task['status'], string>> = {
  rejected: 'Not accepted by the service',
  cancelled: 'Cancelled',
  failed: 'Closed without completing',
  'entered-in-error': 'Entered in error',
};

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

function reached(task: Task | undefined): number {
  if (task === undefined) return 0;
  const business = businessStatusOf(task);
  const byBusiness = business === undefined ? 0 : BUSINESS_STEP[business];
  if (task.status === 'completed') return STEPS.length - 1;
  if (['requested', 'draft', 'received', 'ready'].includes(task.status)) return 0;
  return Math.max(1, byBusiness);
}

/** The referral's progress as steps, from its Task (or just "sent" before a Task is seen). */
export function timelineOf(task: Task | undefined, authoredOn: string | undefined): TimelineStep[] {
  const index = reached(task);
  const stopped = task === undefined ? undefined : STOPPED[task.status];
  const business = businessStatusOf(task);
  const gaveUp = business === 'did-not-engage' || business === 'declined';
  const changed = task?.lastModified ?? task?.meta?.lastUpdated;
  const steps: TimelineStep[] = STEPS.map((step, i) => {
    const state: StepState =
      i < index || (i === index && (step.key === 'completed' || stopped !== undefined))
        ? 'done'
        : i === index
          ? 'current'
          : 'upcoming';
    const date = i === 0 ? authoredOn : i === index ? changed : undefined;
    return { key: step.key, label: step.label, state, ...(date === undefined ? {} : { date }) };
  });
  if (stopped === undefined && !gaveUp) return steps;
  const reason = conceptText(task?.statusReason);
  const label = stopped ?? REFERRAL_BUSINESS_STATUSES[business ?? 'declined'];
  return [
    ...steps
      .slice(0, index + 1)
      .map((s) => (s.state === 'current' ? { ...s, state: 'done' as const } : s)),
    {
      key: 'stopped',
      label,
      state: 'stopped',
      ...(changed === undefined ? {} : { date: changed }),
      ...(reason === undefined ? {} : { note: reason }),
    },
  ];
}

/** The Task's status in a GP's words, for the referral's heading tag. */
export function statusLabel(task: Task | undefined): string {
  if (task === undefined) return 'Sent';
  const business = businessStatusOf(task);
  const stopped = STOPPED[task.status];
  if (stopped !== undefined) return stopped;
  if (task.status === 'completed') return 'Completed';
  if (business !== undefined) return REFERRAL_BUSINESS_STATUSES[business];
  return task.status === 'requested' ? 'Waiting for the service' : 'Accepted';
}
