import type { CodeableConcept, Task } from 'fhir/r4';
import {
  EXTENSION_URLS,
  FULFILL_TASK_CODE,
  LINKWELL_CODE_SYSTEMS,
  LINKWELL_IDENTIFIER_SYSTEMS,
  PROFILE_URLS,
  SNOMED,
  SNOMED_SYSTEM,
} from './codes';
import { ProfileInputError } from './errors';
import { businessIdentifier, type BusinessIdentifier } from './identifiers';
import type { Requester } from './referral';
import { referenceTo, type ReferenceTo } from './references';
import {
  REFERRAL_BUSINESS_STATUSES,
  REFERRAL_STATUS_REASONS,
  REFERRAL_TASK_STATUSES,
  STATUSES_NEEDING_REASON,
  localCoding,
  type ReferralBusinessStatus,
  type ReferralStatusReason,
  type ReferralTaskStatus,
} from './terminology';
import { requireDateTime, requireOneOf } from './validation';
import {
  caseHolderExtension,
  statusHistoryExtension,
  statusHistoryOf,
  type NamedReference,
  type StatusStep,
} from './status-history';

/** A coded reason, `social-prescribing-declined` (SNOMED CT), or free text when nothing fits. */
export type StatusReasonInput =
  ReferralStatusReason | 'social-prescribing-declined' | { readonly text: string };

export interface ReferralTaskOutput {
  /** What the output is, in words (e.g. "Goal", "Outcome measure", "Onward referral"). */
  readonly type: string;
  readonly reference: ReferenceTo<
    'Goal' | 'Observation' | 'ServiceRequest' | 'QuestionnaireResponse'
  >;
}

export interface ReferralTaskInput {
  readonly referral: ReferenceTo<'ServiceRequest'>;
  readonly patient: ReferenceTo<'Patient'>;
  readonly requester: Requester;
  /** The link-worker service, or the link worker once assigned. */
  readonly owner: ReferenceTo<
    'Organization' | 'HealthcareService' | 'PractitionerRole' | 'Practitioner'
  >;
  readonly authoredOn: string;
  readonly status?: ReferralTaskStatus;
  readonly statusReason?: StatusReasonInput;
  readonly businessStatus?: ReferralBusinessStatus;
  readonly identifier?: BusinessIdentifier;
  readonly lastModified?: string;
  readonly outputs?: readonly ReferralTaskOutput[];
  /** The steps that happened, oldest first (extension linkwell-status-history). */
  readonly statusHistory?: readonly StatusStep[];
  /** The link worker holding the case (extension linkwell-case-holder). */
  readonly caseHolder?: NamedReference;
}

function statusReasonConcept(reason: StatusReasonInput): CodeableConcept {
  if (typeof reason === 'object') {
    const text = reason.text.trim();
    if (text === '') throw new ProfileInputError('statusReason.text', 'must not be blank');
    return { text };
  }
  if (reason === 'social-prescribing-declined') {
    return {
      coding: [
        {
          system: SNOMED_SYSTEM,
          code: SNOMED.socialPrescribingDeclined,
          display: 'Social prescribing declined',
        },
      ],
    };
  }
  const code = requireOneOf(
    'statusReason',
    reason,
    Object.keys(REFERRAL_STATUS_REASONS) as ReferralStatusReason[],
  );
  return {
    coding: [
      localCoding(LINKWELL_CODE_SYSTEMS.referralStatusReason, REFERRAL_STATUS_REASONS, code),
    ],
  };
}

/** The Task that manages a Referral at the link-worker service (profile linkwell-referral-task). */
export function buildReferralTask(input: ReferralTaskInput): Task {
  const status = requireOneOf('status', input.status ?? 'requested', REFERRAL_TASK_STATUSES);
  if (STATUSES_NEEDING_REASON.includes(status) && input.statusReason === undefined) {
    throw new ProfileInputError(
      'statusReason',
      `is required when status is ${STATUSES_NEEDING_REASON.join(', ')} (status is ${status})`,
    );
  }
  const authoredOn = requireDateTime('authoredOn', input.authoredOn);
  const businessStatus =
    input.businessStatus === undefined
      ? undefined
      : requireOneOf(
          'businessStatus',
          input.businessStatus,
          Object.keys(REFERRAL_BUSINESS_STATUSES) as ReferralBusinessStatus[],
        );
  const outputs = input.outputs ?? [];
  const extension = [
    ...(input.statusHistory ?? []).map(statusHistoryExtension),
    ...(input.caseHolder === undefined ? [] : [caseHolderExtension(input.caseHolder)]),
  ];
  return {
    resourceType: 'Task',
    meta: { profile: [PROFILE_URLS.referralTask] },
    ...(extension.length === 0 ? {} : { extension }),
    ...(input.identifier === undefined
      ? {}
      : {
          identifier: [
            businessIdentifier(
              'identifier',
              input.identifier,
              LINKWELL_IDENTIFIER_SYSTEMS.referral,
            ),
          ],
        }),
    status,
    ...(input.statusReason === undefined
      ? {}
      : { statusReason: statusReasonConcept(input.statusReason) }),
    ...(businessStatus === undefined
      ? {}
      : {
          businessStatus: {
            coding: [
              localCoding(
                LINKWELL_CODE_SYSTEMS.referralBusinessStatus,
                REFERRAL_BUSINESS_STATUSES,
                businessStatus,
              ),
            ],
          },
        }),
    intent: 'order',
    code: { coding: [FULFILL_TASK_CODE] },
    focus: referenceTo('referral', input.referral, ['ServiceRequest']),
    for: referenceTo('patient', input.patient, ['Patient']),
    authoredOn,
    lastModified: requireDateTime('lastModified', input.lastModified ?? authoredOn),
    requester: referenceTo('requester', input.requester, [
      'Practitioner',
      'PractitionerRole',
      'Organization',
    ]),
    owner: referenceTo('owner', input.owner, [
      'Organization',
      'HealthcareService',
      'PractitionerRole',
      'Practitioner',
    ]),
    ...(outputs.length === 0
      ? {}
      : {
          output: outputs.map((output, i) => ({
            type: { text: output.type },
            valueReference: referenceTo(`outputs[${i}].reference`, output.reference, [
              'Goal',
              'Observation',
              'ServiceRequest',
              'QuestionnaireResponse',
            ]),
          })),
        }),
  };
}

/**
 * The service's own referral Task (a self-referral or another referrer's, written by the service)
 * once a GP's referral of the same person has taken over the case: cancelled as a duplicate, with
 * the step in its status history and the Task the case continues on named in the reason.
 */
export function supersededReferralTask(
  task: Task,
  input: {
    readonly replacedBy: ReferenceTo<'Task'>;
    readonly at: string;
    readonly by?: NamedReference;
  },
): Task {
  const steps = statusHistoryOf(task);
  const step: StatusStep = {
    status: 'cancelled',
    date: input.at,
    ...(input.by === undefined ? {} : { by: input.by }),
  };
  const others = (task.extension ?? []).filter((e) => e.url !== EXTENSION_URLS.statusHistory);
  return {
    ...task,
    extension: [...others, ...[...steps, step].map(statusHistoryExtension)],
    status: 'cancelled',
    statusReason: {
      ...statusReasonConcept('duplicate-referral'),
      text: `Replaced by the GP's referral (${input.replacedBy}); the case continues there.`,
    },
    lastModified: requireDateTime('at', input.at),
  };
}
