/**
 * The statistics the service's figures use, as pure functions: the SQL in this folder computes the
 * same quantities in the store (percentile_cont, avg, stddev_samp), these are the reference the
 * unit tests pin down by hand and the report uses for what SQL does not give (intervals,
 * suppression, thresholds).
 */

/** Counts under this are not shown or exported (NHS statistics practice on small numbers). */
export const SMALL_COUNT = 5;

/** A figure as shown: the value, or suppressed because too few people are behind it. */
export type Shown<T> = { readonly value: T; readonly suppressed: false } | Suppressed;
export interface Suppressed {
  readonly value: null;
  readonly suppressed: true;
}
const SUPPRESSED: Suppressed = { value: null, suppressed: true };

/** A count, or suppressed when it is 1 to 4 (zero says nothing about anyone, so it stays). */
export function suppressCount(count: number): Shown<number> {
  return count > 0 && count < SMALL_COUNT ? SUPPRESSED : { value: count, suppressed: false };
}

/** A statistic over `n` people, shown only when `n` is at least SMALL_COUNT. */
export function suppressStat<T>(n: number, value: T): Shown<T> {
  return n < SMALL_COUNT ? SUPPRESSED : { value, suppressed: false };
}

/** Arithmetic mean; undefined for no values. */
export function mean(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Sample standard deviation (n - 1); undefined below two values. */
export function sampleSd(values: readonly number[]): number | undefined {
  const m = mean(values);
  if (m === undefined || values.length < 2) return undefined;
  const squares = values.reduce((sum, v) => sum + (v - m) ** 2, 0);
  return Math.sqrt(squares / (values.length - 1));
}

/**
 * The p-th percentile (0 to 1) by linear interpolation between closest ranks, the definition of
 * PostgreSQL's percentile_cont, so the figures from SQL and from here agree.
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile must be within 0 and 1, not ${p}`);
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lower = sorted[low] ?? 0;
  const upper = sorted[high] ?? lower;
  return lower + (upper - lower) * (rank - low);
}

export const median = (values: readonly number[]): number | undefined => percentile(values, 0.5);

// Two-sided 95% critical values of Student's t by degrees of freedom (standard tables).
const T_975: readonly [number, number][] = [
  [1, 12.706],
  [2, 4.303],
  [3, 3.182],
  [4, 2.776],
  [5, 2.571],
  [6, 2.447],
  [7, 2.365],
  [8, 2.306],
  [9, 2.262],
  [10, 2.228],
  [11, 2.201],
  [12, 2.179],
  [13, 2.16],
  [14, 2.145],
  [15, 2.131],
  [16, 2.12],
  [17, 2.11],
  [18, 2.101],
  [19, 2.093],
  [20, 2.086],
  [21, 2.08],
  [22, 2.074],
  [23, 2.069],
  [24, 2.064],
  [25, 2.06],
  [26, 2.056],
  [27, 2.052],
  [28, 2.048],
  [29, 2.045],
  [30, 2.042],
  [40, 2.021],
  [60, 2.0],
  [120, 1.98],
];
const Z_975 = 1.96;

/** t(0.975, df): exact from the table up to 30, interpolated in 1/df beyond (to 1.96 at infinity). */
export function tCritical95(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`degrees of freedom must be >= 1`);
  const exact = T_975.find(([d]) => d === df);
  if (exact !== undefined) return exact[1];
  const above = T_975.find(([d]) => d > df);
  const below = [...T_975].reverse().find(([d]) => d < df) ?? [1, 12.706];
  const [d1, t1] = below;
  const [d2, t2] = above ?? [Number.POSITIVE_INFINITY, Z_975];
  const x = 1 / df;
  const x1 = 1 / d1;
  const x2 = 1 / d2;
  return t1 + ((t2 - t1) * (x - x1)) / (x2 - x1);
}

export interface MeanInterval {
  readonly n: number;
  readonly mean: number;
  /** 95% confidence interval of the mean (Student's t); undefined below two people. */
  readonly low: number | undefined;
  readonly high: number | undefined;
}

/** Mean with its 95% CI from n, mean and sample SD (what the SQL returns per measure). */
export function meanInterval(n: number, m: number, sd: number | undefined): MeanInterval {
  if (n < 2 || sd === undefined) return { n, mean: m, low: undefined, high: undefined };
  const half = (tCritical95(n - 1) * sd) / Math.sqrt(n);
  return { n, mean: m, low: m - half, high: m + half };
}

/** Mean with its 95% CI from the values themselves. */
export function meanIntervalOf(values: readonly number[]): MeanInterval | undefined {
  const m = mean(values);
  return m === undefined ? undefined : meanInterval(values.length, m, sampleSd(values));
}

/**
 * Whether a paired change is a meaningful improvement: at least `threshold` points in the
 * direction that is better for the measure (down for anxiety or loneliness).
 */
export function passesThreshold(
  baseline: number,
  followUp: number,
  threshold: number,
  higherIsBetter: boolean,
): boolean {
  const improvement = (followUp - baseline) * (higherIsBetter ? 1 : -1);
  // Scores are whole or two-decimal numbers: compare at a cent so 3.00 - 0.0000001 is not a miss.
  return Math.round(improvement * 100) >= Math.round(threshold * 100);
}
