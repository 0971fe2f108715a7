import type { Observation } from 'fhir/r4';
import {
  LINKWELL_CODE_SYSTEMS,
  LINKWELL_IDENTIFIER_SYSTEMS,
  PROFILE_URLS,
  SURVEY_CATEGORY,
} from './codes';
import { businessIdentifier, type BusinessIdentifier } from './identifiers';
import { ons4Band, type Ons4Item } from './ons4';
import { OUTCOME_MEASURES, OUTCOME_MEASURE_KEYS, type OutcomeMeasure } from './outcome-measures';
import { referenceTo, type ReferenceTo } from './references';
import { SCORE_BANDS, localCoding, type ScoreBand } from './terminology';
import {
  requireDateTime,
  requireIntegerInRange,
  requireNumberInRange,
  requireOneOf,
} from './validation';

type ObservationStatus = Observation['status'];
const STATUSES: readonly ObservationStatus[] = [
  'final',
  'amended',
  'corrected',
  'entered-in-error',
  'preliminary',
];

export interface OutcomeObservationInput {
  readonly measure: OutcomeMeasure;
  readonly value: number;
  readonly patient: ReferenceTo<'Patient'>;
  /** The Linkwell Referral this outcome belongs to. */
  readonly referral: ReferenceTo<'ServiceRequest'>;
  /** Who administered the measure, or the patient if self-completed. */
  readonly performer: ReferenceTo<
    'Practitioner' | 'PractitionerRole' | 'Organization' | 'Patient' | 'RelatedPerson'
  >;
  readonly effectiveDateTime: string;
  /** The QuestionnaireResponse the score was calculated from. */
  readonly questionnaireResponse?: ReferenceTo<'QuestionnaireResponse'>;
  readonly status?: ObservationStatus;
  readonly identifier?: BusinessIdentifier;
}

const ONS4_ITEM_BY_MEASURE: Partial<Record<OutcomeMeasure, Ons4Item>> = {
  'ons4-life-satisfaction': 'life-satisfaction',
  'ons4-worthwhile': 'worthwhile',
  'ons4-happiness': 'happiness',
  'ons4-anxiety': 'anxiety',
};

/** The band for a score, where the measure has bands (the ONS4 items); otherwise undefined. */
export function scoreBandFor(measure: OutcomeMeasure, value: number): ScoreBand | undefined {
  const item = ONS4_ITEM_BY_MEASURE[measure];
  return item === undefined ? undefined : ons4Band(item, value);
}

/**
 * One outcome score (profile linkwell-outcome-observation). The value is checked against the
 * measure's range, and the interpretation is derived from it, never supplied.
 */
export function buildOutcomeObservation(input: OutcomeObservationInput): Observation {
  const measure = requireOneOf('measure', input.measure, OUTCOME_MEASURE_KEYS);
  const definition = OUTCOME_MEASURES[measure];
  const field = `value (${measure})`;
  const value =
    definition.kind === 'integer'
      ? requireIntegerInRange(field, input.value, definition.min, definition.max)
      : requireNumberInRange(field, input.value, definition.min, definition.max);
  const band = scoreBandFor(measure, value);
  return {
    resourceType: 'Observation',
    meta: { profile: [PROFILE_URLS.outcomeObservation] },
    ...(input.identifier === undefined
      ? {}
      : {
          identifier: [
            businessIdentifier('identifier', input.identifier, LINKWELL_IDENTIFIER_SYSTEMS.outcome),
          ],
        }),
    basedOn: [referenceTo('referral', input.referral, ['ServiceRequest'])],
    status: requireOneOf('status', input.status ?? 'final', STATUSES),
    category: [{ coding: [SURVEY_CATEGORY] }],
    code: { coding: [definition.coding] },
    subject: referenceTo('patient', input.patient, ['Patient']),
    effectiveDateTime: requireDateTime('effectiveDateTime', input.effectiveDateTime),
    performer: [
      referenceTo('performer', input.performer, [
        'Practitioner',
        'PractitionerRole',
        'Organization',
        'Patient',
        'RelatedPerson',
      ]),
    ],
    ...(definition.kind === 'integer'
      ? { valueInteger: value }
      : {
          valueQuantity: {
            value,
            unit: 'score',
            system: 'http://unitsofmeasure.org',
            code: '{score}',
          },
        }),
    ...(band === undefined
      ? {}
      : {
          interpretation: [
            { coding: [localCoding(LINKWELL_CODE_SYSTEMS.scoreBands, SCORE_BANDS, band)] },
          ],
        }),
    ...(input.questionnaireResponse === undefined
      ? {}
      : {
          derivedFrom: [
            referenceTo('questionnaireResponse', input.questionnaireResponse, [
              'QuestionnaireResponse',
            ]),
          ],
        }),
  };
}
