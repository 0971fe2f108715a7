import type { Observation } from 'fhir/r4';
import {
  OUTCOME_MEASURES,
  higherIsBetter,
  outcomeMeasureOf,
  type OutcomeMeasure,
} from '@linkwell/profiles';

export interface MeasurePoint {
  readonly date: string;
  readonly value: number;
}

/** One instrument's scores over time, with what counts as better. */
export interface MeasureSeries {
  readonly measure: OutcomeMeasure;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly higherIsBetter: boolean;
  /** Oldest first. */
  readonly points: readonly MeasurePoint[];
}

export type Change = 'better' | 'worse' | 'same' | 'single';

const WHY_LOWER_IS_BETTER: Partial<Record<OutcomeMeasure, string>> = {
  'ons4-anxiety': 'higher means more anxious',
  'ucla3-total': 'higher means lonelier',
  'ucla3-companionship': 'higher means lonelier',
  'ucla3-left-out': 'higher means lonelier',
  'ucla3-isolated': 'higher means lonelier',
};

/** The direction in words, shown beside every chart. */
export function directionText(series: MeasureSeries): string {
  if (series.higherIsBetter) return 'Higher is better';
  return `Lower is better (${WHY_LOWER_IS_BETTER[series.measure] ?? 'higher is worse'})`;
}

function valueOf(observation: Observation): number | undefined {
  return observation.valueInteger ?? observation.valueQuantity?.value;
}

/** Groups outcome Observations by measure; entered-in-error and unknown codes are left out. */
export function measureSeries(observations: readonly Observation[]): MeasureSeries[] {
  const byMeasure = new Map<OutcomeMeasure, MeasurePoint[]>();
  for (const observation of observations) {
    if (observation.status === 'entered-in-error' || observation.status === 'cancelled') continue;
    const measure = (observation.code.coding ?? [])
      .map(outcomeMeasureOf)
      .find((m) => m !== undefined);
    const value = valueOf(observation);
    const date = observation.effectiveDateTime;
    if (measure === undefined || value === undefined || date === undefined) continue;
    byMeasure.set(measure, [...(byMeasure.get(measure) ?? []), { date, value }]);
  }
  return [...byMeasure.entries()]
    .map(([measure, points]) => ({
      measure,
      label: OUTCOME_MEASURES[measure].coding.display ?? measure,
      min: OUTCOME_MEASURES[measure].min,
      max: OUTCOME_MEASURES[measure].max,
      higherIsBetter: higherIsBetter(measure),
      points: [...points].sort((a, b) => Date.parse(a.date) - Date.parse(b.date)),
    }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** Baseline (first) against latest, judged by the measure's direction. */
export function changeOf(series: MeasureSeries): { change: Change; by: number } {
  const first = series.points[0];
  const last = series.points[series.points.length - 1];
  if (first === undefined || last === undefined || series.points.length < 2) {
    return { change: 'single', by: 0 };
  }
  const delta = Math.round((last.value - first.value) * 100) / 100;
  if (delta === 0) return { change: 'same', by: 0 };
  const improved = series.higherIsBetter ? delta > 0 : delta < 0;
  return { change: improved ? 'better' : 'worse', by: Math.abs(delta) };
}
