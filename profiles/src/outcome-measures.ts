import type { Coding } from 'fhir/r4';
import { LINKWELL_CODE_SYSTEMS, SNOMED, SNOMED_SYSTEM } from './codes';

/** How a measure's value is carried: valueInteger, or valueQuantity with unit {score}. */
export type ValueKind = 'integer' | 'decimal';

interface MeasureDefinition {
  readonly coding: Coding;
  readonly kind: ValueKind;
  readonly min: number;
  readonly max: number;
  /** False where a higher score is worse (ONS4 anxiety, UCLA-3 loneliness). */
  readonly higherIsBetter: boolean;
}

const local = (code: string, display: string): Coding => ({
  system: LINKWELL_CODE_SYSTEMS.outcomeMeasures,
  code,
  display,
});
const snomed = (code: string, display: string): Coding => ({
  system: SNOMED_SYSTEM,
  code,
  display,
});

/** Every score an outcome Observation can carry, with its code, value type and range. */
export const OUTCOME_MEASURES = {
  'ons4-life-satisfaction': {
    coding: local('ons4-life-satisfaction', 'ONS4 life satisfaction'),
    kind: 'integer',
    min: 0,
    max: 10,
    higherIsBetter: true,
  },
  'ons4-worthwhile': {
    coding: local('ons4-worthwhile', 'ONS4 worthwhile'),
    kind: 'integer',
    min: 0,
    max: 10,
    higherIsBetter: true,
  },
  'ons4-happiness': {
    coding: local('ons4-happiness', 'ONS4 happiness'),
    kind: 'integer',
    min: 0,
    max: 10,
    higherIsBetter: true,
  },
  'ons4-anxiety': {
    coding: local('ons4-anxiety', 'ONS4 anxiety'),
    kind: 'integer',
    min: 0,
    max: 10,
    higherIsBetter: false,
  },
  'ucla3-companionship': {
    coding: local('ucla3-companionship', 'UCLA-3 lack of companionship'),
    kind: 'integer',
    min: 1,
    max: 3,
    higherIsBetter: false,
  },
  'ucla3-left-out': {
    coding: local('ucla3-left-out', 'UCLA-3 left out'),
    kind: 'integer',
    min: 1,
    max: 3,
    higherIsBetter: false,
  },
  'ucla3-isolated': {
    coding: local('ucla3-isolated', 'UCLA-3 isolated from others'),
    kind: 'integer',
    min: 1,
    max: 3,
    higherIsBetter: false,
  },
  'ucla3-total': {
    coding: local('ucla3-total', 'UCLA-3 total score'),
    kind: 'integer',
    min: 3,
    max: 9,
    higherIsBetter: false,
  },
  'swemwbs-raw': {
    coding: local('swemwbs-raw', 'SWEMWBS raw total'),
    kind: 'integer',
    min: 7,
    max: 35,
    higherIsBetter: true,
  },
  swemwbs: {
    coding: snomed(SNOMED.swemwbsScore, 'Short Warwick-Edinburgh Mental Well-being Scale score'),
    kind: 'decimal',
    min: 7,
    max: 35,
    higherIsBetter: true,
  },
  wemwbs: {
    coding: snomed(SNOMED.wemwbsScore, 'Warwick-Edinburgh Mental Well-being Scale score'),
    kind: 'integer',
    min: 14,
    max: 70,
    higherIsBetter: true,
  },
  'eq5d5l-index': {
    coding: snomed(SNOMED.eq5d5lIndexValue, 'EuroQol five dimension five level index value'),
    kind: 'decimal',
    // Index values depend on the country value set; -1 to 1 covers every published set.
    min: -1,
    max: 1,
    higherIsBetter: true,
  },
  'eq-vas': {
    coding: snomed(SNOMED.eqVasScore, 'EuroQol visual analogue scale score'),
    kind: 'integer',
    min: 0,
    max: 100,
    higherIsBetter: true,
  },
} as const satisfies Record<string, MeasureDefinition>;

export type OutcomeMeasure = keyof typeof OUTCOME_MEASURES;

export const OUTCOME_MEASURE_KEYS = Object.keys(OUTCOME_MEASURES) as OutcomeMeasure[];

/** For charts: whether an improvement shows as a rising line (false for anxiety and loneliness). */
export function higherIsBetter(measure: OutcomeMeasure): boolean {
  return OUTCOME_MEASURES[measure].higherIsBetter;
}

/** The measure an Observation.code coding stands for, if it is one of ours. */
export function outcomeMeasureOf(coding: Coding): OutcomeMeasure | undefined {
  return OUTCOME_MEASURE_KEYS.find((key) => {
    const known = OUTCOME_MEASURES[key].coding;
    return known.system === coding.system && known.code === coding.code;
  });
}
