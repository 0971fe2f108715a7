import type { QuestionnaireResponse, QuestionnaireResponseItem } from 'fhir/r4';
import { LINKWELL_CODE_SYSTEMS, QUESTIONNAIRE_URLS } from './codes';
import { ONS4_ITEMS, scoreOns4, type Ons4Answers } from './ons4';
import { referenceTo, type ReferenceTo } from './references';
import { SWEMWBS_ANSWERS, SWEMWBS_ITEMS, scoreSwemwbs, type SwemwbsAnswers } from './swemwbs';
import { UCLA3_ANSWERS, UCLA3_ITEMS, scoreUcla3, type Ucla3Answers } from './ucla3';
import { requireDateTime } from './validation';

export type Instrument = 'ons4' | 'ucla3' | 'swemwbs';
export const INSTRUMENTS: readonly Instrument[] = ['ons4', 'ucla3', 'swemwbs'];

export type InstrumentAnswers =
  | { readonly instrument: 'ons4'; readonly answers: Ons4Answers }
  | { readonly instrument: 'ucla3'; readonly answers: Ucla3Answers }
  | { readonly instrument: 'swemwbs'; readonly answers: SwemwbsAnswers };

export type QuestionnaireResponseInput = InstrumentAnswers & {
  readonly patient: ReferenceTo<'Patient'>;
  readonly authored: string;
  /** Who entered the answers (the link worker), if not the patient. */
  readonly author?: ReferenceTo<'Practitioner' | 'PractitionerRole' | 'Patient'>;
  readonly referral?: ReferenceTo<'ServiceRequest'>;
};

function coded(
  linkId: string,
  score: number,
  system: string,
  labels: readonly string[],
): QuestionnaireResponseItem {
  return {
    linkId,
    answer: [{ valueCoding: { system, code: String(score), display: labels[score - 1] } }],
  };
}

/** The answers as they are to be stored; every answer is checked exactly as the scorer checks it. */
function items(input: InstrumentAnswers): QuestionnaireResponseItem[] {
  switch (input.instrument) {
    case 'ons4': {
      const scored = scoreOns4(input.answers).items;
      return ONS4_ITEMS.map((id) => ({ linkId: id, answer: [{ valueInteger: scored[id].score }] }));
    }
    case 'ucla3': {
      const scored = scoreUcla3(input.answers).items;
      return UCLA3_ITEMS.map((id) =>
        coded(id, scored[id], LINKWELL_CODE_SYSTEMS.ucla3Answers, UCLA3_ANSWERS),
      );
    }
    case 'swemwbs': {
      const scored = scoreSwemwbs(input.answers).items;
      return SWEMWBS_ITEMS.map((id) =>
        coded(id, scored[id], LINKWELL_CODE_SYSTEMS.swemwbsAnswers, SWEMWBS_ANSWERS),
      );
    }
  }
}

/** A completed QuestionnaireResponse for one of Linkwell's instruments. */
export function buildQuestionnaireResponse(
  input: QuestionnaireResponseInput,
): QuestionnaireResponse {
  const patient = referenceTo('patient', input.patient, ['Patient']);
  return {
    resourceType: 'QuestionnaireResponse',
    questionnaire: QUESTIONNAIRE_URLS[input.instrument],
    status: 'completed',
    ...(input.referral === undefined
      ? {}
      : { basedOn: [referenceTo('referral', input.referral, ['ServiceRequest'])] }),
    subject: patient,
    authored: requireDateTime('authored', input.authored),
    ...(input.author === undefined
      ? {}
      : {
          author: referenceTo('author', input.author, [
            'Practitioner',
            'PractitionerRole',
            'Patient',
          ]),
        }),
    source: patient,
    item: items(input),
  };
}
