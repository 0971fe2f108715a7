import type { Questionnaire } from 'fhir/r4';
import { ProfileInputError } from './errors';
import { SWEMWBS_ITEMS } from './swemwbs';

/**
 * SWEMWBS wording is licensed by the University of Warwick, so the shipped Questionnaire carries
 * placeholders. A licensed deployment passes its seven item texts here to get a usable copy.
 */
export function withSwemwbsWording(
  questionnaire: Questionnaire,
  wording: readonly string[],
): Questionnaire {
  if (wording.length !== SWEMWBS_ITEMS.length || wording.some((text) => text.trim() === '')) {
    throw new ProfileInputError(
      'SWEMWBS wording',
      `needs exactly ${SWEMWBS_ITEMS.length} non-blank item texts, got ${wording.length}`,
    );
  }
  const items = questionnaire.item ?? [];
  return {
    ...questionnaire,
    item: items.map((item) => {
      const index = SWEMWBS_ITEMS.findIndex((id) => id === item.linkId);
      const text = wording[index];
      return text === undefined ? item : { ...item, text: text.trim() };
    }),
  };
}
