import type { Task } from 'fhir/r4';
import {
  FULFILL_TASK_CODE,
  LINKWELL_CODE_SYSTEMS,
  LINKWELL_IDENTIFIER_SYSTEMS,
  PROFILE_URLS,
} from './codes';
import { ProfileInputError } from './errors';
import { businessIdentifier, type BusinessIdentifier } from './identifiers';
import type { Requester } from './referral';
import { referenceTo, type ReferenceTo } from './references';
import { requireDateTime, requireOneOf } from './validation';

/** What a community service reports about an onward referral, in the order it usually happens. */
export const ONWARD_REFERRAL_STATES = {
  'awaiting-reply': { task: 'requested', display: 'Awaiting reply' },
  accepted: { task: 'accepted', display: 'Accepted' },
  declined: { task: 'rejected', display: 'Declined' },
  'first-attended': { task: 'in-progress', display: 'First attended' },
  completed: { task: 'completed', display: 'Completed' },
  'did-not-attend': { task: 'failed', display: 'Did not attend' },
} as const satisfies Record<string, { task: Task['status']; display: string }>;

export type OnwardReferralState = keyof typeof ONWARD_REFERRAL_STATES;
export const ONWARD_REFERRAL_STATE_CODES = Object.keys(
  ONWARD_REFERRAL_STATES,
) as OnwardReferralState[];

/** Which reports may follow which: a service answers, then the person attends (or does not). */
export const ONWARD_REFERRAL_NEXT: Readonly<
  Record<OnwardReferralState, readonly OnwardReferralState[]>
> = {
  'awaiting-reply': ['accepted', 'declined'],
  accepted: ['first-attended', 'did-not-attend', 'declined'],
  'first-attended': ['completed', 'did-not-attend'],
  completed: [],
  declined: [],
  'did-not-attend': [],
};

export interface OnwardReferralTaskInput {
  readonly identifier: BusinessIdentifier;
  /** The onward referral (profile linkwell-onward-referral). */
  readonly onwardReferral: ReferenceTo<'ServiceRequest'>;
  readonly patient: ReferenceTo<'Patient'>;
  readonly requester: Requester;
  /** The community service that acts on it. */
  readonly service: ReferenceTo<'HealthcareService'>;
  readonly serviceName?: string;
  readonly authoredOn: string;
  readonly state: OnwardReferralState;
  /** Required when the service declined or the person did not attend. */
  readonly reason?: string;
  readonly lastModified?: string;
}

/** The Task a community service acts on (profile linkwell-onward-referral-task). */
export function buildOnwardReferralTask(input: OnwardReferralTaskInput): Task {
  const state = requireOneOf('state', input.state, ONWARD_REFERRAL_STATE_CODES);
  const { task, display } = ONWARD_REFERRAL_STATES[state];
  const reason = input.reason?.trim();
  if ((task === 'rejected' || task === 'failed') && (reason === undefined || reason === '')) {
    throw new ProfileInputError(
      'reason',
      `is required when the referral is ${display.toLowerCase()}`,
    );
  }
  return {
    resourceType: 'Task',
    meta: { profile: [PROFILE_URLS.onwardReferralTask] },
    identifier: [
      businessIdentifier(
        'identifier',
        input.identifier,
        LINKWELL_IDENTIFIER_SYSTEMS.onwardReferralTask,
      ),
    ],
    status: task,
    ...(reason === undefined || reason === '' ? {} : { statusReason: { text: reason } }),
    businessStatus: {
      coding: [{ system: LINKWELL_CODE_SYSTEMS.onwardReferralStatus, code: state, display }],
      text: display,
    },
    intent: 'order',
    code: { coding: [FULFILL_TASK_CODE] },
    focus: referenceTo('onwardReferral', input.onwardReferral, ['ServiceRequest']),
    for: referenceTo('patient', input.patient, ['Patient']),
    authoredOn: requireDateTime('authoredOn', input.authoredOn),
    ...(input.lastModified === undefined
      ? {}
      : { lastModified: requireDateTime('lastModified', input.lastModified) }),
    requester: referenceTo('requester', input.requester, [
      'Practitioner',
      'PractitionerRole',
      'Organization',
    ]),
    owner: referenceTo('service', input.service, ['HealthcareService'], input.serviceName),
  };
}

/** The reported state of an onward referral's Task, or undefined when it is not one. */
export function onwardReferralStateOf(
  task: Task,
): { state: OnwardReferralState; display: string; reason?: string } | undefined {
  if (!(task.meta?.profile ?? []).includes(PROFILE_URLS.onwardReferralTask)) return undefined;
  const code = task.businessStatus?.coding?.find(
    (c) => c.system === LINKWELL_CODE_SYSTEMS.onwardReferralStatus,
  )?.code;
  if (code === undefined || !(code in ONWARD_REFERRAL_STATES)) return undefined;
  const state = code as OnwardReferralState;
  const reason = task.statusReason?.text;
  return {
    state,
    display: ONWARD_REFERRAL_STATES[state].display,
    ...(reason === undefined ? {} : { reason }),
  };
}
