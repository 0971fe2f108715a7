import type { CodeSystem, Questionnaire } from 'fhir/r4';
import businessStatusJson from '../fhir/CodeSystem-linkwell-referral-business-status.json';
import contactJson from '../fhir/CodeSystem-linkwell-contact-preferences.json';
import bandsJson from '../fhir/CodeSystem-linkwell-score-bands.json';
import socialNeedsJson from '../fhir/CodeSystem-linkwell-social-needs.json';
import statusReasonJson from '../fhir/CodeSystem-linkwell-referral-status-reason.json';
import ons4Json from '../fhir/Questionnaire-linkwell-ons4.json';
import swemwbsJson from '../fhir/Questionnaire-linkwell-swemwbs.json';
import ucla3Json from '../fhir/Questionnaire-linkwell-ucla3.json';
import { LINKWELL_CODE_SYSTEMS, QUESTIONNAIRE_URLS } from './codes';
import { ONS4_ITEMS, ONS4_QUESTIONS } from './ons4';
import { withSwemwbsWording } from './questionnaires';
import { SWEMWBS_ITEMS } from './swemwbs';
import {
  CONTACT_PREFERENCES,
  REFERRAL_BUSINESS_STATUSES,
  REFERRAL_STATUS_REASONS,
  SCORE_BANDS,
  SOCIAL_NEEDS,
} from './terminology';
import { UCLA3_ITEMS, UCLA3_QUESTIONS } from './ucla3';

// The TypeScript constants and the shipped FHIR artifacts must not drift apart.
const asCodeSystem = (json: unknown): CodeSystem => json as CodeSystem;
const asQuestionnaire = (json: unknown): Questionnaire => json as Questionnaire;

describe.each([
  ['social needs', socialNeedsJson, SOCIAL_NEEDS, LINKWELL_CODE_SYSTEMS.socialNeeds],
  [
    'business status',
    businessStatusJson,
    REFERRAL_BUSINESS_STATUSES,
    LINKWELL_CODE_SYSTEMS.referralBusinessStatus,
  ],
  [
    'status reasons',
    statusReasonJson,
    REFERRAL_STATUS_REASONS,
    LINKWELL_CODE_SYSTEMS.referralStatusReason,
  ],
  [
    'contact preferences',
    contactJson,
    CONTACT_PREFERENCES,
    LINKWELL_CODE_SYSTEMS.contactPreferences,
  ],
  ['score bands', bandsJson, SCORE_BANDS, LINKWELL_CODE_SYSTEMS.scoreBands],
] as const)('%s', (_name, json, constants, url) => {
  const codeSystem = asCodeSystem(json);

  it('has the canonical URL of the constant', () => {
    expect(codeSystem.url).toBe(url);
  });

  it('has the same codes and displays as the TypeScript constant', () => {
    const fromJson = Object.fromEntries((codeSystem.concept ?? []).map((c) => [c.code, c.display]));
    expect(fromJson).toEqual(constants);
  });
});

describe('questionnaires', () => {
  const linkIds = (q: Questionnaire): string[] =>
    (q.item ?? []).filter((i) => i.type !== 'display').map((i) => i.linkId);

  it("use the scorers' item ids and canonical URLs", () => {
    expect(linkIds(asQuestionnaire(ons4Json))).toEqual([...ONS4_ITEMS]);
    expect(linkIds(asQuestionnaire(ucla3Json))).toEqual([...UCLA3_ITEMS]);
    expect(linkIds(asQuestionnaire(swemwbsJson))).toEqual([...SWEMWBS_ITEMS]);
    expect(asQuestionnaire(ons4Json).url).toBe(QUESTIONNAIRE_URLS.ons4);
  });

  it('ask the same questions as the apps show (one wording of each)', () => {
    const texts = (q: Questionnaire): Record<string, string | undefined> =>
      Object.fromEntries(
        (q.item ?? []).filter((i) => i.type !== 'display').map((i) => [i.linkId, i.text]),
      );
    expect(texts(asQuestionnaire(ons4Json))).toEqual(ONS4_QUESTIONS);
    expect(texts(asQuestionnaire(ucla3Json))).toEqual(UCLA3_QUESTIONS);
  });

  it('let a licensed deployment supply SWEMWBS wording', () => {
    const wording = SWEMWBS_ITEMS.map((id) => `Licensed text for ${id}`);
    const worded = withSwemwbsWording(asQuestionnaire(swemwbsJson), wording);
    expect(worded.item?.map((i) => i.text)).toEqual(wording);
    expect(asQuestionnaire(swemwbsJson).item?.[0]?.text).toMatch(/licensed wording/);
  });

  it('refuse incomplete SWEMWBS wording', () => {
    expect(() => withSwemwbsWording(asQuestionnaire(swemwbsJson), ['only one'])).toThrow(
      'SWEMWBS wording: needs exactly 7 non-blank item texts, got 1',
    );
  });
});
