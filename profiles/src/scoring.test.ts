import { ProfileInputError } from './errors';
import { ons4Band, scoreOns4 } from './ons4';
import { higherIsBetter, OUTCOME_MEASURE_KEYS } from './outcome-measures';
import { scoreSwemwbs, swemwbsMetric } from './swemwbs';
import { scoreUcla3 } from './ucla3';

const ons4 = { 'life-satisfaction': 7, worthwhile: 8, happiness: 5, anxiety: 2 };

describe('ONS4 bands', () => {
  it.each([
    [0, 'low'],
    [4, 'low'],
    [5, 'medium'],
    [6, 'medium'],
    [7, 'high'],
    [8, 'high'],
    [9, 'very-high'],
    [10, 'very-high'],
  ] as const)('positive items: %i is %s', (score, band) => {
    for (const item of ['life-satisfaction', 'worthwhile', 'happiness'] as const) {
      expect(ons4Band(item, score)).toBe(band);
    }
  });

  it.each([
    [0, 'very-low'],
    [1, 'very-low'],
    [2, 'low'],
    [3, 'low'],
    [4, 'medium'],
    [5, 'medium'],
    [6, 'high'],
    [10, 'high'],
  ] as const)('anxiety: %i is %s', (score, band) => {
    expect(ons4Band('anxiety', score)).toBe(band);
  });

  it.each([-1, 11, 4.5, Number.NaN])('refuses score %p', (score) => {
    expect(() => ons4Band('happiness', score)).toThrow(ProfileInputError);
  });
});

describe('scoreOns4', () => {
  it('scores and bands each item', () => {
    expect(scoreOns4(ons4).items).toEqual({
      'life-satisfaction': { score: 7, band: 'high' },
      worthwhile: { score: 8, band: 'high' },
      happiness: { score: 5, band: 'medium' },
      anxiety: { score: 2, band: 'low' },
    });
  });

  it('refuses a missing item, naming it and the range', () => {
    expect(() => scoreOns4({ ...ons4, anxiety: undefined })).toThrow(
      'ONS4 anxiety: is missing: give a whole number from 0 to 10',
    );
  });

  it('refuses a non-integer answer', () => {
    expect(() => scoreOns4({ ...ons4, worthwhile: 6.5 })).toThrow(
      'ONS4 worthwhile: must be a whole number from 0 to 10, got 6.5',
    );
  });

  it.each([-1, 11])('refuses out-of-range %i', (value) => {
    expect(() => scoreOns4({ ...ons4, happiness: value })).toThrow(
      `ONS4 happiness: must be from 0 to 10, got ${value}`,
    );
  });

  it('refuses an unknown item', () => {
    expect(() => scoreOns4({ ...ons4, ...{ mood: 3 } })).toThrow(/unknown item\(s\) mood/);
  });
});

describe('UCLA-3', () => {
  it.each([
    [1, 1, 1, 3],
    [3, 3, 3, 9],
    [3, 2, 1, 6],
  ])('%i + %i + %i = %i', (a, b, c, total) => {
    expect(scoreUcla3({ 'lack-companionship': a, 'left-out': b, isolated: c }).total).toBe(total);
  });

  it.each([0, 4, 2.5])('refuses answer %p', (value) => {
    expect(() => scoreUcla3({ 'lack-companionship': value, 'left-out': 1, isolated: 1 })).toThrow(
      /UCLA-3 lack-companionship: .*1 to 3/,
    );
  });

  it('refuses a missing answer', () => {
    expect(() => scoreUcla3({ 'lack-companionship': 1, 'left-out': 1 })).toThrow(
      'UCLA-3 isolated: is missing: give a whole number from 1 to 3',
    );
  });
});

describe('SWEMWBS', () => {
  const table: readonly [number, number][] = [
    [7, 7.0],
    [8, 9.51],
    [9, 11.25],
    [10, 12.4],
    [11, 13.33],
    [12, 14.08],
    [13, 14.75],
    [14, 15.32],
    [15, 15.84],
    [16, 16.36],
    [17, 16.88],
    [18, 17.43],
    [19, 17.98],
    [20, 18.59],
    [21, 19.25],
    [22, 19.98],
    [23, 20.73],
    [24, 21.54],
    [25, 22.35],
    [26, 23.21],
    [27, 24.11],
    [28, 25.03],
    [29, 26.02],
    [30, 27.03],
    [31, 28.13],
    [32, 29.31],
    [33, 30.7],
    [34, 32.55],
    [35, 35.0],
  ];

  it.each(table)('raw %i converts to %d', (raw, metric) => {
    expect(swemwbsMetric(raw)).toBe(metric);
  });

  it('is strictly increasing across the table', () => {
    const metrics = table.map(([raw]) => swemwbsMetric(raw));
    metrics.slice(1).forEach((m, i) => {
      expect(m).toBeGreaterThan(metrics[i] ?? Infinity);
    });
  });

  it.each([6, 36, 20.5])('refuses raw total %p', (raw) => {
    expect(() => swemwbsMetric(raw)).toThrow(/SWEMWBS raw total: .*7 to 35/);
  });

  const answers = (value: number) => ({
    'swemwbs-1': value,
    'swemwbs-2': value,
    'swemwbs-3': value,
    'swemwbs-4': value,
    'swemwbs-5': value,
    'swemwbs-6': value,
    'swemwbs-7': value,
  });

  it('scores the lowest and highest possible answers', () => {
    expect(scoreSwemwbs(answers(1))).toMatchObject({ raw: 7, metric: 7.0 });
    expect(scoreSwemwbs(answers(5))).toMatchObject({ raw: 35, metric: 35.0 });
  });

  it('scores a mixed set of answers', () => {
    expect(scoreSwemwbs({ ...answers(3), 'swemwbs-2': 2, 'swemwbs-7': 4 })).toMatchObject({
      raw: 21,
      metric: 19.25,
    });
  });

  it.each([0, 6, 3.5])('refuses item answer %p', (value) => {
    expect(() => scoreSwemwbs({ ...answers(3), 'swemwbs-4': value })).toThrow(
      /SWEMWBS swemwbs-4: .*1 to 5/,
    );
  });

  it('refuses a missing item', () => {
    expect(() => scoreSwemwbs({ ...answers(3), 'swemwbs-7': undefined })).toThrow(
      'SWEMWBS swemwbs-7: is missing',
    );
  });
});

describe('higherIsBetter', () => {
  it('is false only for anxiety and loneliness', () => {
    const worseWhenHigher = OUTCOME_MEASURE_KEYS.filter((m) => !higherIsBetter(m));
    expect(worseWhenHigher.sort()).toEqual(
      [
        'ons4-anxiety',
        'ucla3-companionship',
        'ucla3-isolated',
        'ucla3-left-out',
        'ucla3-total',
      ].sort(),
    );
  });
});
