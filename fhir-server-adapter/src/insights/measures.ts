import { swemwbsMetric, type Instrument } from '@linkwell/profiles';

/** One score the outcomes section reports: how it comes from the stored answers, and its threshold. */
export interface ReportedMeasure {
  readonly key: string;
  readonly label: string;
  readonly instrument: Instrument;
  readonly higherIsBetter: boolean;
  /** The smallest change in the better direction counted as meaningful, in score points. */
  readonly threshold: number;
  /** Where the default threshold comes from, said plainly (including when nothing is published). */
  readonly source: string;
}

const ONS_SOURCE =
  'ONS personal well-being user guidance gives no minimal important difference; 1 point on the 0-10 scale is this service default.';

/** Defaults; a service replaces a threshold with ADAPTER_INSIGHTS_THRESHOLDS (key=points,...). */
export const REPORTED_MEASURES: readonly ReportedMeasure[] = [
  {
    key: 'swemwbs-metric',
    label: 'SWEMWBS (metric score)',
    instrument: 'swemwbs',
    higherIsBetter: true,
    threshold: 3,
    source:
      'Shah et al. 2018, Health and Quality of Life Outcomes 16:239 (SWEMWBS responsiveness): at the individual level a change of 1 to 3 points meets thresholds for statistically important change (1 SEM = 1.03, 2.77 SEM = 2.87 points); the upper end, 3 points, is taken.',
  },
  {
    key: 'ucla3-total',
    label: 'UCLA-3 loneliness (total 3-9)',
    instrument: 'ucla3',
    higherIsBetter: false,
    threshold: 1,
    source:
      'No minimal important difference is published for the 3-item UCLA scale; 1 point (one answer one step better) is this service default.',
  },
  {
    key: 'ons4-life-satisfaction',
    label: 'ONS4 life satisfaction',
    instrument: 'ons4',
    higherIsBetter: true,
    threshold: 1,
    source: ONS_SOURCE,
  },
  {
    key: 'ons4-worthwhile',
    label: 'ONS4 worthwhile',
    instrument: 'ons4',
    higherIsBetter: true,
    threshold: 1,
    source: ONS_SOURCE,
  },
  {
    key: 'ons4-happiness',
    label: 'ONS4 happiness',
    instrument: 'ons4',
    higherIsBetter: true,
    threshold: 1,
    source: ONS_SOURCE,
  },
  {
    key: 'ons4-anxiety',
    label: 'ONS4 anxiety',
    instrument: 'ons4',
    higherIsBetter: false,
    threshold: 1,
    source: ONS_SOURCE,
  },
];

/** The measures with the service's own thresholds in place of the defaults. */
export function measuresWith(overrides: Readonly<Record<string, number>>): ReportedMeasure[] {
  return REPORTED_MEASURES.map((m) => {
    const threshold = overrides[m.key];
    return threshold === undefined
      ? m
      : { ...m, threshold, source: `Set by the service (default ${m.threshold}: ${m.source})` };
  });
}

/**
 * Parses `swemwbs-metric=2,ucla3-total=1` into thresholds; throws on an unknown measure or a
 * threshold that is not a positive number, so a typo fails at start rather than skewing figures.
 */
export function parseThresholds(raw: string | undefined): Record<string, number> {
  const thresholds: Record<string, number> = {};
  if (raw === undefined || raw.trim() === '') return thresholds;
  for (const part of raw.split(',')) {
    const [key = '', value = ''] = part.split('=').map((s) => s.trim());
    if (!REPORTED_MEASURES.some((m) => m.key === key)) {
      throw new Error(
        `Unknown measure "${key}" in the thresholds; use one of ${REPORTED_MEASURES.map((m) => m.key).join(', ')}.`,
      );
    }
    const points = Number(value);
    if (!(points > 0) || !Number.isFinite(points)) {
      throw new Error(
        `The threshold for ${key} must be a positive number of points, not "${value}".`,
      );
    }
    thresholds[key] = points;
  }
  return thresholds;
}

const item = (name: string): string => `(q.answers->>'${name}')::numeric`;
const SWEMWBS_RAW = Array.from({ length: 7 }, (_, i) => item(`swemwbs-${i + 1}`)).join(' + ');
const SWEMWBS_TABLE = Array.from(
  { length: 29 },
  (_, i) => `(${i + 7}, ${swemwbsMetric(i + 7).toFixed(2)})`,
).join(', ');

/**
 * SQL (over `questionnaire_answers q`) giving each reported score of one answer set: ONS4 items as
 * answered, the UCLA-3 total, SWEMWBS raw total converted by the published table. Fixed text from
 * the constants above, no input.
 */
export const SCORE_VALUES_SQL = `(VALUES
  ('swemwbs-metric', CASE WHEN q.instrument = 'swemwbs' THEN
     (SELECT t.metric FROM (VALUES ${SWEMWBS_TABLE}) AS t(raw, metric) WHERE t.raw = ${SWEMWBS_RAW}) END),
  ('ucla3-total', CASE WHEN q.instrument = 'ucla3' THEN
     ${item('lack-companionship')} + ${item('left-out')} + ${item('isolated')} END),
  ('ons4-life-satisfaction', CASE WHEN q.instrument = 'ons4' THEN ${item('life-satisfaction')} END),
  ('ons4-worthwhile', CASE WHEN q.instrument = 'ons4' THEN ${item('worthwhile')} END),
  ('ons4-happiness', CASE WHEN q.instrument = 'ons4' THEN ${item('happiness')} END),
  ('ons4-anxiety', CASE WHEN q.instrument = 'ons4' THEN ${item('anxiety')} END)
) AS m(measure, value)`;
