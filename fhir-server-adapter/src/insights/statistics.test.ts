import {
  mean,
  meanInterval,
  meanIntervalOf,
  median,
  passesThreshold,
  percentile,
  sampleSd,
  suppressCount,
  suppressStat,
  tCritical95,
} from './statistics';

// Every expected value below was worked out by hand (see the comments), not by the code under test.
describe('median and percentile (linear interpolation, as percentile_cont)', () => {
  it('takes the middle value of an odd count and the midpoint of an even one', () => {
    expect(median([3, 1, 2])).toBe(2);
    // sorted 2 4 4 5 7 9: (4 + 5) / 2
    expect(median([9, 4, 2, 7, 4, 5])).toBe(4.5);
  });

  it('interpolates the 90th percentile between the closest ranks', () => {
    // rank 0.9 * 5 = 4.5: 7 + (9 - 7) * 0.5
    expect(percentile([2, 4, 4, 5, 7, 9], 0.9)).toBe(8);
    // 1..10: rank 8.1, 9 + 0.1 * (10 - 9)
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 10);
    expect(percentile([42], 0.9)).toBe(42);
  });

  it('has nothing to say about no values and refuses a share outside 0..1', () => {
    expect(median([])).toBeUndefined();
    expect(() => percentile([1], 90)).toThrow(RangeError);
  });
});

describe('mean, SD and the 95% confidence interval', () => {
  const changes = [2, 4, 4, 5, 7, 9];

  it('computes the mean and the sample SD', () => {
    // 31 / 6
    expect(mean(changes)).toBeCloseTo(5.166667, 5);
    // squared deviations sum to 30.8333; / 5 = 6.1667; sqrt = 2.48328
    expect(sampleSd(changes)).toBeCloseTo(2.48328, 4);
    expect(sampleSd([5])).toBeUndefined();
  });

  it('uses t with n - 1 degrees of freedom', () => {
    // t(5) = 2.571; half-width 2.571 * 2.48328 / sqrt(6) = 2.6065
    const ci = meanIntervalOf(changes);
    expect(ci?.low).toBeCloseTo(2.5602, 3);
    expect(ci?.high).toBeCloseTo(7.7732, 3);
  });

  it('gives no interval for one person', () => {
    expect(meanInterval(1, 3, undefined)).toEqual({
      n: 1,
      mean: 3,
      low: undefined,
      high: undefined,
    });
  });

  it('reads t from the table and interpolates in 1/df beyond it', () => {
    expect(tCritical95(1)).toBe(12.706);
    expect(tCritical95(30)).toBe(2.042);
    // between 30 (2.042) and 40 (2.021): 1/35 lies 0.5714 of the way, 2.042 - 0.021 * 0.5714
    expect(tCritical95(35)).toBeCloseTo(2.03, 3);
    // between 120 (1.980) and infinity (1.960): 2.042 ... 1.98 - 0.02 * 0.88
    expect(tCritical95(1000)).toBeCloseTo(1.9624, 4);
    expect(() => tCritical95(0)).toThrow(RangeError);
  });
});

describe('small-count suppression', () => {
  it('hides counts of 1 to 4 and keeps 0 and 5 upward', () => {
    expect(suppressCount(0)).toEqual({ value: 0, suppressed: false });
    expect(suppressCount(1)).toEqual({ value: null, suppressed: true });
    expect(suppressCount(4)).toEqual({ value: null, suppressed: true });
    expect(suppressCount(5)).toEqual({ value: 5, suppressed: false });
  });

  it('hides a statistic over fewer than five people', () => {
    expect(suppressStat(4, 12.5)).toEqual({ value: null, suppressed: true });
    expect(suppressStat(5, 12.5)).toEqual({ value: 12.5, suppressed: false });
  });
});

describe('meaningful-change threshold', () => {
  it('counts change in the better direction of at least the threshold', () => {
    // SWEMWBS metric 20.73 -> 23.21 is +2.48: short of 3
    expect(passesThreshold(20.73, 23.21, 3, true)).toBe(false);
    // 19.98 -> 23.21 is +3.23
    expect(passesThreshold(19.98, 23.21, 3, true)).toBe(true);
    // exactly the threshold passes: 20.21 -> 23.21
    expect(passesThreshold(20.21, 23.21, 3, true)).toBe(true);
  });

  it('reads a fall as the improvement where higher is worse (loneliness, anxiety)', () => {
    expect(passesThreshold(7, 4, 1, false)).toBe(true);
    expect(passesThreshold(5, 5, 1, false)).toBe(false);
    expect(passesThreshold(5, 6, 1, false)).toBe(false);
  });
});
