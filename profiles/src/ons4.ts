import type { ScoreBand } from './terminology';
import { rejectUnknownItems, requireIntegerInRange } from './validation';

/** ONS4 item linkIds (also the Questionnaire's linkIds). */
export const ONS4_ITEMS = ['life-satisfaction', 'worthwhile', 'happiness', 'anxiety'] as const;
export type Ons4Item = (typeof ONS4_ITEMS)[number];
export type Ons4Answers = Readonly<Partial<Record<Ons4Item, number>>>;

/** Each item's question, as the Questionnaire (profiles/fhir/Questionnaire-linkwell-ons4.json) asks it. */
export const ONS4_QUESTIONS: Readonly<Record<Ons4Item, string>> = {
  'life-satisfaction': 'Overall, how satisfied are you with your life nowadays?',
  worthwhile:
    'Overall, to what extent do you feel that the things you do in your life are worthwhile?',
  happiness: 'Overall, how happy did you feel yesterday?',
  anxiety:
    'On a scale where 0 is "not at all anxious" and 10 is "completely anxious", overall, how anxious did you feel yesterday?',
};

export interface Ons4ItemScore {
  readonly score: number;
  readonly band: ScoreBand;
}
export interface Ons4Result {
  readonly instrument: 'ons4';
  readonly items: Readonly<Record<Ons4Item, Ons4ItemScore>>;
}

/**
 * ONS thresholds: life satisfaction, worthwhile and happiness 0-4 low, 5-6 medium, 7-8 high,
 * 9-10 very high; anxiety 0-1 very low, 2-3 low, 4-5 medium, 6-10 high (higher is worse).
 */
export function ons4Band(item: Ons4Item, score: number): ScoreBand {
  const value = requireIntegerInRange(`ONS4 ${item}`, score, 0, 10);
  if (item === 'anxiety') {
    if (value <= 1) return 'very-low';
    if (value <= 3) return 'low';
    if (value <= 5) return 'medium';
    return 'high';
  }
  if (value <= 4) return 'low';
  if (value <= 6) return 'medium';
  if (value <= 8) return 'high';
  return 'very-high';
}

/** Scores each ONS4 item (0-10, no total); refuses a missing, non-integer or out-of-range answer. */
export function scoreOns4(answers: Ons4Answers): Ons4Result {
  const items = {} as Record<Ons4Item, Ons4ItemScore>;
  for (const item of ONS4_ITEMS) {
    const score = requireIntegerInRange(`ONS4 ${item}`, answers[item], 0, 10);
    items[item] = { score, band: ons4Band(item, score) };
  }
  rejectUnknownItems('ONS4', answers, ONS4_ITEMS);
  return { instrument: 'ons4', items };
}
