import { rejectUnknownItems, requireIntegerInRange } from './validation';

/** SWEMWBS item linkIds; each answer scores 1 (none of the time) to 5 (all of the time). */
export const SWEMWBS_ITEMS = [
  'swemwbs-1',
  'swemwbs-2',
  'swemwbs-3',
  'swemwbs-4',
  'swemwbs-5',
  'swemwbs-6',
  'swemwbs-7',
] as const;
export type SwemwbsItem = (typeof SWEMWBS_ITEMS)[number];
export type SwemwbsAnswers = Readonly<Partial<Record<SwemwbsItem, number>>>;

export const SWEMWBS_ANSWERS = [
  'None of the time',
  'Rarely',
  'Some of the time',
  'Often',
  'All of the time',
] as const;

/**
 * Raw total (7-35) to metric score, from the Rasch-based conversion table published by Warwick
 * Medical School (Stewart-Brown et al. 2009). Index 0 is raw 7.
 */
const METRIC_BY_RAW: readonly number[] = [
  7.0, 9.51, 11.25, 12.4, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36, 16.88, 17.43, 17.98, 18.59,
  19.25, 19.98, 20.73, 21.54, 22.35, 23.21, 24.11, 25.03, 26.02, 27.03, 28.13, 29.31, 30.7, 32.55,
  35.0,
];

export interface SwemwbsResult {
  readonly instrument: 'swemwbs';
  readonly items: Readonly<Record<SwemwbsItem, number>>;
  /** Sum of the seven items, 7 to 35. */
  readonly raw: number;
  /** Converted metric score, 7.00 to 35.00; report and compare this one. */
  readonly metric: number;
}

export function swemwbsMetric(raw: number): number {
  const checked = requireIntegerInRange('SWEMWBS raw total', raw, 7, 35);
  const metric = METRIC_BY_RAW[checked - 7];
  if (metric === undefined) throw new RangeError(`no SWEMWBS conversion for ${checked}`);
  return metric;
}

export function scoreSwemwbs(answers: SwemwbsAnswers): SwemwbsResult {
  const items = {} as Record<SwemwbsItem, number>;
  let raw = 0;
  for (const item of SWEMWBS_ITEMS) {
    items[item] = requireIntegerInRange(`SWEMWBS ${item}`, answers[item], 1, 5);
    raw += items[item];
  }
  rejectUnknownItems('SWEMWBS', answers, SWEMWBS_ITEMS);
  return { instrument: 'swemwbs', items, raw, metric: swemwbsMetric(raw) };
}
