import type { CarePlan, CarePlanActivity } from 'fhir/r4';
import { LINKWELL_BASE } from './codes';
import { businessIdentifier, type BusinessIdentifier } from './identifiers';
import { referenceTo, type ReferenceTo } from './references';
import type { Requester } from './referral';
import { REFERRAL_NEEDS, referralNeedCoding, type ReferralNeed } from './terminology';
import { requireDate, requireDateTime, requireOneOf, requireText } from './validation';

// The personalised care and support plan (profile linkwell-care-plan).

export const CARE_PLAN_URLS = {
  profile: `${LINKWELL_BASE}/StructureDefinition/linkwell-care-plan`,
  assessedNeed: `${LINKWELL_BASE}/StructureDefinition/linkwell-assessed-need`,
  category: `${LINKWELL_BASE}/CodeSystem/linkwell-care-plan-category`,
  identifier: `${LINKWELL_BASE}/sid/care-plan`,
} as const;

export type ActionStatus = 'agreed' | 'done' | 'dropped';
export const ACTION_STATUSES: readonly ActionStatus[] = ['agreed', 'done', 'dropped'];
const ACTIVITY_STATUS = {
  agreed: 'scheduled',
  done: 'completed',
  dropped: 'cancelled',
} as const satisfies Record<ActionStatus, NonNullable<CarePlanActivity['detail']>['status']>;

export interface AssessedNeed {
  readonly need: ReferralNeed;
  /** The concern in the person's or link worker's words. */
  readonly concern?: string | undefined;
}

export interface AgreedAction {
  readonly description: string;
  readonly status: ActionStatus;
  /** Who does it ("Margaret", "link worker"). */
  readonly who?: string | undefined;
  readonly due?: string | undefined;
}

export interface CarePlanInput {
  readonly identifier: BusinessIdentifier;
  readonly patient: ReferenceTo<'Patient'>;
  readonly referral: ReferenceTo<'ServiceRequest'>;
  /** The link worker. */
  readonly author: Requester;
  readonly created: string;
  readonly status?: 'active' | 'completed';
  /** What matters to the person, in their words. */
  readonly whatMatters?: string | undefined;
  readonly needs?: readonly AssessedNeed[];
  readonly goals?: readonly ReferenceTo<'Goal'>[];
  readonly actions?: readonly AgreedAction[];
  /** Onward referrals to community services. */
  readonly onward?: readonly { reference: ReferenceTo<'ServiceRequest'>; display?: string }[];
}

/** The plan the person and their link worker agreed (profile linkwell-care-plan). */
export function buildCarePlan(input: CarePlanInput): CarePlan {
  const needs = input.needs ?? [];
  const activity: CarePlanActivity[] = [
    ...(input.actions ?? []).map((action, i) => {
      const status = requireOneOf(`actions[${i}].status`, action.status, ACTION_STATUSES);
      const who = action.who?.trim() ?? '';
      const description = requireText(`actions[${i}].description`, action.description);
      return {
        detail: {
          status: ACTIVITY_STATUS[status],
          description: who === '' ? description : `${description} (${who})`,
          ...(action.due === undefined
            ? {}
            : { scheduledPeriod: { end: requireDate(`actions[${i}].due`, action.due) } }),
        },
      };
    }),
    ...(input.onward ?? []).map((o, i) => ({
      reference: referenceTo(`onward[${i}]`, o.reference, ['ServiceRequest'], o.display),
    })),
  ];
  const whatMatters = input.whatMatters?.trim() ?? '';
  return {
    resourceType: 'CarePlan',
    meta: { profile: [CARE_PLAN_URLS.profile] },
    ...(needs.length === 0
      ? {}
      : {
          extension: needs.map((n, i) => {
            const code = requireOneOf(`needs[${i}].need`, n.need, REFERRAL_NEEDS);
            const concern = n.concern?.trim() ?? '';
            return {
              url: CARE_PLAN_URLS.assessedNeed,
              valueCodeableConcept: {
                coding: [referralNeedCoding(code)],
                ...(concern === '' ? {} : { text: concern }),
              },
            };
          }),
        }),
    identifier: [businessIdentifier('identifier', input.identifier, CARE_PLAN_URLS.identifier)],
    status: input.status ?? 'active',
    intent: 'plan',
    category: [
      {
        coding: [
          {
            system: CARE_PLAN_URLS.category,
            code: 'personalised-care-and-support-plan',
            display: 'Personalised care and support plan',
          },
        ],
      },
    ],
    title: 'Personalised care and support plan',
    ...(whatMatters === '' ? {} : { description: whatMatters }),
    subject: referenceTo('patient', input.patient, ['Patient']),
    created: requireDateTime('created', input.created),
    author: referenceTo('author', input.author, [
      'Practitioner',
      'PractitionerRole',
      'Organization',
    ]),
    supportingInfo: [referenceTo('referral', input.referral, ['ServiceRequest'])],
    ...((input.goals ?? []).length === 0
      ? {}
      : { goal: (input.goals ?? []).map((g, i) => referenceTo(`goals[${i}]`, g, ['Goal'])) }),
    ...(activity.length === 0 ? {} : { activity }),
  };
}
