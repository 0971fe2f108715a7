import type { CodeableConcept, Goal, GoalTarget } from 'fhir/r4';
import { ProfileInputError } from './errors';
import { LINKWELL_IDENTIFIER_SYSTEMS, PROFILE_URLS } from './codes';
import { businessIdentifier, type BusinessIdentifier } from './identifiers';
import { referenceTo, type ReferenceTo } from './references';
import { requireDate, requireOneOf, requireText } from './validation';

type LifecycleStatus = Goal['lifecycleStatus'];
const LIFECYCLE_STATUSES: readonly LifecycleStatus[] = [
  'proposed',
  'planned',
  'accepted',
  'active',
  'on-hold',
  'completed',
  'cancelled',
  'entered-in-error',
  'rejected',
];
const ACHIEVEMENT_SYSTEM = 'http://terminology.hl7.org/CodeSystem/goal-achievement';
const ACHIEVEMENT = {
  'in-progress': 'In Progress',
  improving: 'Improving',
  worsening: 'Worsening',
  'no-change': 'No Change',
  achieved: 'Achieved',
  sustaining: 'Sustaining',
  'not-achieved': 'Not Achieved',
  'no-progress': 'No Progress',
  'not-attainable': 'Not Attainable',
} as const;
export type GoalAchievement = keyof typeof ACHIEVEMENT;
export const GOAL_ACHIEVEMENTS = Object.keys(ACHIEVEMENT) as GoalAchievement[];
/** The lifecycle statuses a link worker sets on a goal (the others are for other workflows). */
export const LINK_WORKER_GOAL_STATUSES = [
  'active',
  'on-hold',
  'completed',
  'cancelled',
] as const satisfies readonly LifecycleStatus[];

export interface GoalInput {
  /** The goal in the person's own words. */
  readonly description: string;
  /** Optional code for the goal alongside the words. */
  readonly code?: CodeableConcept['coding'];
  readonly patient: ReferenceTo<'Patient'>;
  /** The Referral the goal belongs to. */
  readonly referral: ReferenceTo<'ServiceRequest'>;
  readonly startDate: string;
  readonly lifecycleStatus?: LifecycleStatus;
  readonly achievement?: GoalAchievement;
  /** Who expressed the goal: normally the patient. */
  readonly expressedBy?: ReferenceTo<
    'Patient' | 'Practitioner' | 'PractitionerRole' | 'RelatedPerson'
  >;
  /** A measurable target: what is measured, the aim (words or a number) and when by. */
  readonly target?: {
    readonly measure: string;
    readonly detail?: string | number;
    readonly dueDate?: string;
  };
  readonly identifier?: BusinessIdentifier;
}

function targetDetail(detail: string | number | undefined): GoalTarget {
  if (detail === undefined) return {};
  if (typeof detail === 'string') return { detailString: requireText('target.detail', detail) };
  if (!Number.isInteger(detail)) {
    throw new ProfileInputError('target.detail', `must be text or a whole number, got ${detail}`);
  }
  return { detailInteger: detail };
}

/** A goal co-produced by the person and link worker (profile linkwell-goal). */
export function buildGoal(input: GoalInput): Goal {
  const description = requireText('description', input.description);
  const achievement =
    input.achievement === undefined
      ? undefined
      : requireOneOf(
          'achievement',
          input.achievement,
          Object.keys(ACHIEVEMENT) as GoalAchievement[],
        );
  const target = input.target;
  return {
    resourceType: 'Goal',
    meta: { profile: [PROFILE_URLS.goal] },
    ...(input.identifier === undefined
      ? {}
      : {
          identifier: [
            businessIdentifier('identifier', input.identifier, LINKWELL_IDENTIFIER_SYSTEMS.goal),
          ],
        }),
    lifecycleStatus: requireOneOf(
      'lifecycleStatus',
      input.lifecycleStatus ?? 'active',
      LIFECYCLE_STATUSES,
    ),
    ...(achievement === undefined
      ? {}
      : {
          achievementStatus: {
            coding: [
              { system: ACHIEVEMENT_SYSTEM, code: achievement, display: ACHIEVEMENT[achievement] },
            ],
          },
        }),
    description: {
      ...(input.code === undefined || input.code.length === 0 ? {} : { coding: input.code }),
      text: description,
    },
    subject: referenceTo('patient', input.patient, ['Patient']),
    startDate: requireDate('startDate', input.startDate),
    ...(input.expressedBy === undefined
      ? {}
      : {
          expressedBy: referenceTo('expressedBy', input.expressedBy, [
            'Patient',
            'Practitioner',
            'PractitionerRole',
            'RelatedPerson',
          ]),
        }),
    ...(target === undefined
      ? {}
      : {
          target: [
            {
              measure: { text: requireText('target.measure', target.measure) },
              ...targetDetail(target.detail),
              ...(target.dueDate === undefined
                ? {}
                : { dueDate: requireDate('target.dueDate', target.dueDate) }),
            },
          ],
        }),
    addresses: [referenceTo('referral', input.referral, ['ServiceRequest'])],
  };
}
