import {
  ONS4_ITEMS,
  ONS4_QUESTIONS,
  ProfileInputError,
  SCORE_BANDS,
  SWEMWBS_ANSWERS,
  SWEMWBS_ITEMS,
  UCLA3_ANSWERS,
  UCLA3_ITEMS,
  UCLA3_QUESTIONS,
  scoreOns4,
  scoreSwemwbs,
  scoreUcla3,
  type Instrument,
} from '@linkwell/profiles';

/** One instrument as the form shows it: its questions, answer choices, and how it is scored. */
export interface InstrumentForm {
  readonly title: string;
  readonly intro: string;
  readonly items: readonly { readonly linkId: string; readonly text: string }[];
  readonly choices: readonly { readonly value: number; readonly label: string }[];
  /** The choices are a numbered scale (shown in one row on a phone). */
  readonly scale: boolean;
  /** The number compared over time, and which way is better. */
  readonly headline: string;
  readonly higherIsBetter: boolean;
}

export const INSTRUMENT_FORMS: Record<Instrument, InstrumentForm> = {
  ons4: {
    title: 'ONS4 personal wellbeing',
    intro: 'Answer on a scale of 0 to 10, where 0 is “not at all” and 10 is “completely”.',
    items: ONS4_ITEMS.map((linkId) => ({ linkId, text: ONS4_QUESTIONS[linkId] })),
    choices: Array.from({ length: 11 }, (_, value) => ({ value, label: String(value) })),
    scale: true,
    headline: 'Life satisfaction',
    higherIsBetter: true,
  },
  swemwbs: {
    title: 'SWEMWBS wellbeing',
    intro: 'SWEMWBS wording is licensed: read each statement from your licensed form.',
    items: SWEMWBS_ITEMS.map((linkId, i) => ({ linkId, text: `Statement ${i + 1}` })),
    choices: SWEMWBS_ANSWERS.map((label, i) => ({ value: i + 1, label })),
    scale: false,
    headline: 'SWEMWBS metric score',
    higherIsBetter: true,
  },
  ucla3: {
    title: 'UCLA-3 loneliness',
    intro: 'For each one, how often do you feel that way?',
    items: UCLA3_ITEMS.map((linkId) => ({ linkId, text: UCLA3_QUESTIONS[linkId] })),
    choices: UCLA3_ANSWERS.map((label, i) => ({ value: i + 1, label })),
    scale: false,
    headline: 'UCLA-3 total (3–9, higher is lonelier)',
    higherIsBetter: false,
  },
};

export type Scored =
  | { readonly ok: true; readonly headline: number; readonly lines: readonly string[] }
  | { readonly ok: false; readonly message: string };

/** Scores answers with the profiles module, as the adapter will; an incomplete form says what is missing. */
export function scoreAnswers(
  instrument: Instrument,
  answers: Readonly<Record<string, number>>,
): Scored {
  try {
    switch (instrument) {
      case 'ons4': {
        const result = scoreOns4(answers);
        return {
          ok: true,
          headline: result.items['life-satisfaction'].score,
          lines: ONS4_ITEMS.map(
            (item) =>
              `${item.replace('-', ' ')}: ${result.items[item].score} (${SCORE_BANDS[result.items[item].band]})`,
          ),
        };
      }
      case 'swemwbs': {
        const result = scoreSwemwbs(answers);
        return {
          ok: true,
          headline: result.metric,
          lines: [`Raw ${result.raw} of 35 · metric ${result.metric.toFixed(2)}`],
        };
      }
      case 'ucla3': {
        const result = scoreUcla3(answers);
        return { ok: true, headline: result.total, lines: [`Total ${result.total} of 9`] };
      }
    }
  } catch (error) {
    if (error instanceof ProfileInputError) return { ok: false, message: error.message };
    throw error;
  }
}
