// @linkwell/profiles: the FHIR contract's codes, builders, guards and questionnaire scoring.
export * from './codes';
export * from './terminology';
export { ProfileInputError } from './errors';
export { MISSING_DATE, UK_TIME_ZONE, formatDate, formatDateTime } from './display-dates';
export {
  OperationOutcomeError,
  asOperationOutcome,
  operationOutcome,
  outcomeText,
  type IssueCode,
  type IssueSeverity,
  type OutcomeTextOptions,
} from './outcome';
export type { ReferenceTo } from './references';
export type { BusinessIdentifier } from './identifiers';
export {
  OUTCOME_MEASURES,
  OUTCOME_MEASURE_KEYS,
  higherIsBetter,
  outcomeMeasureOf,
  type OutcomeMeasure,
  type ValueKind,
} from './outcome-measures';
export { buildReferral, buildOnwardReferral } from './referral';
export type { ReferralInput, OnwardReferralInput, Requester } from './referral';
export { buildReferralTask, supersededReferralTask } from './referral-task';
export type { ReferralTaskInput, ReferralTaskOutput, StatusReasonInput } from './referral-task';
export {
  GOAL_ACHIEVEMENTS,
  LINK_WORKER_GOAL_STATUSES,
  buildGoal,
  type GoalInput,
  type GoalAchievement,
} from './goal';
export {
  buildConsent,
  consentState,
  researchPermitted,
  researchProvision,
  RESEARCH_PURPOSE,
  withdrawConsent,
  withResearchPermission,
  type ConsentInput,
  type ConsentPermission,
  type ConsentState,
} from './consent';
export {
  caseHolderOf,
  statusHistoryOf,
  type NamedReference,
  type StatusStep,
} from './status-history';
export {
  buildClosingSummary,
  closingSummaryLetter,
  base64Utf8,
  fromBase64Utf8,
  type ClosingSummaryInput,
} from './closing-summary';
export { outcomeChangeLine, type ClosingSummaryFacts } from './closing-summary-letter';
export {
  buildOutcomeObservation,
  scoreBandFor,
  type OutcomeObservationInput,
} from './outcome-observation';
export {
  buildQuestionnaireResponse,
  INSTRUMENTS,
  type Instrument,
  type InstrumentAnswers,
  type QuestionnaireResponseInput,
} from './questionnaire-response';
export {
  isReferral,
  isOnwardReferral,
  isReferralTask,
  isLinkwellGoal,
  isLinkwellConsent,
  isOutcomeObservation,
} from './guards';
export { ONS4_ITEMS, ONS4_QUESTIONS, ons4Band, scoreOns4 } from './ons4';
export type { Ons4Answers, Ons4Item, Ons4ItemScore, Ons4Result } from './ons4';
export { UCLA3_ITEMS, UCLA3_ANSWERS, UCLA3_QUESTIONS, scoreUcla3 } from './ucla3';
export type { Ucla3Answers, Ucla3Item, Ucla3Result } from './ucla3';
export { SWEMWBS_ITEMS, SWEMWBS_ANSWERS, scoreSwemwbs, swemwbsMetric } from './swemwbs';
export type { SwemwbsAnswers, SwemwbsItem, SwemwbsResult } from './swemwbs';
export { withSwemwbsWording } from './questionnaires';
export {
  buildOnwardReferralTask,
  onwardReferralStateOf,
  ONWARD_REFERRAL_STATES,
  ONWARD_REFERRAL_STATE_CODES,
  ONWARD_REFERRAL_NEXT,
  type OnwardReferralState,
  type OnwardReferralTaskInput,
} from './onward-referral-task';
export {
  COMMON_LANGUAGES,
  COMMUNICATION_ADJUSTMENTS,
  COMMUNICATION_ADJUSTMENT_CODES,
  RISK_TYPES,
  RISK_TYPE_CODES,
  RISK_URLS,
  RISK_STATUSES,
  buildRiskFlag,
  communicationNeedsExtension,
  communicationNeedsOf,
  riskOfFlag,
  type CommunicationAdjustment,
  type CommunicationNeeds,
  type RiskFlagInput,
  type RiskType,
} from './risk';
export {
  ACTION_STATUSES,
  CARE_PLAN_URLS,
  buildCarePlan,
  type ActionStatus,
  type AgreedAction,
  type AssessedNeed,
  type CarePlanInput,
} from './care-plan';
export {
  COUNTED_SETTINGS,
  ENCOUNTER_CLASSIFICATION,
  SETTING_LABELS,
  SETTING_RULES,
  UNCOUNTED_STATUSES,
  V3_ACT_CODE,
  encounterSetting,
  type EncounterSetting,
  type SettingRule,
} from './encounter-settings';
