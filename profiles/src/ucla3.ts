import { rejectUnknownItems, requireIntegerInRange } from './validation';

/** UCLA-3 item linkIds; each answer scores 1 hardly ever, 2 some of the time, 3 often. */
export const UCLA3_ITEMS = ['lack-companionship', 'left-out', 'isolated'] as const;
export type Ucla3Item = (typeof UCLA3_ITEMS)[number];
export type Ucla3Answers = Readonly<Partial<Record<Ucla3Item, number>>>;

/** Each item's question, as the Questionnaire (profiles/fhir/Questionnaire-linkwell-ucla3.json) asks it. */
export const UCLA3_QUESTIONS: Readonly<Record<Ucla3Item, string>> = {
  'lack-companionship': 'How often do you feel that you lack companionship?',
  'left-out': 'How often do you feel left out?',
  isolated: 'How often do you feel isolated from others?',
};

export const UCLA3_ANSWERS = ['Hardly ever', 'Some of the time', 'Often'] as const;

export interface Ucla3Result {
  readonly instrument: 'ucla3';
  readonly items: Readonly<Record<Ucla3Item, number>>;
  /** 3 to 9; higher is lonelier. */
  readonly total: number;
}

export function scoreUcla3(answers: Ucla3Answers): Ucla3Result {
  const items = {} as Record<Ucla3Item, number>;
  let total = 0;
  for (const item of UCLA3_ITEMS) {
    items[item] = requireIntegerInRange(`UCLA-3 ${item}`, answers[item], 1, 3);
    total += items[item];
  }
  rejectUnknownItems('UCLA-3', answers, UCLA3_ITEMS);
  return { instrument: 'ucla3', items, total };
}
