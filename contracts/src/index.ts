// @linkwell/contracts: what the adapter's API and the link-worker app agree on.
export {
  API_ERROR_CODES,
  ApiError,
  codeOfStatus,
  type ApiErrorBody,
  type ApiErrorCode,
  type ApiErrorDetail,
} from './api-error';
export {
  APPOINTMENT_MODES,
  APPOINTMENT_OUTCOMES,
  CAPACITY_LABELS,
  CAPACITY_STATES,
  QUESTIONNAIRE_TIMINGS,
  CONTACT_METHODS,
  CONTACT_OUTCOMES,
  DISCHARGE_OUTCOMES,
  RECORDED_REFERRAL_SOURCES,
  REFERRAL_SOURCES,
  WEEKDAYS,
  WEEKDAY_NAMES,
  keysOf,
  type AppointmentMode,
  type AppointmentOutcome,
  type AppointmentStatus,
  type CapacityState,
  type QuestionnaireTiming,
  type ContactMethod,
  type ContactOutcome,
  type DischargeOutcome,
  type ReferralSource,
  type Weekday,
} from './case-lists';
export { parseWith } from './parse';
export * as rules from './rules';
// Request schemas, one file per domain; each name is also its request body's type.
export { AssignRequest, CoverRequest } from './team';
export { BusinessStatusRequest, DischargeRequest, REJECT_REASONS, RejectRequest } from './case';
export { FollowUpRequest } from './caseload';
export {
  ActionRequest,
  ActionStatusRequest,
  AssessedNeedRequest,
  CarePlanRequest,
} from './care-plan';
export { ResearchPermissionRequest, WithdrawConsentRequest } from './consent';
export {
  AppointmentOutcomeRequest,
  BookAppointmentRequest,
  DiaryQuery,
  MoveAppointmentRequest,
} from './diary';
export { PeopleQuery, ReferralRequest } from './intake';
export {
  AnswersRequest,
  ContactAttemptRequest,
  GoalRequest,
  GoalUpdateRequest,
  NoteRequest,
  OnwardReferralRequest,
  QuestionnaireLinkRequest,
} from './record';
export { CommunicationRequest, RiskReviewRequest, RiskRequest } from './risk';
export { CapacityRequest, DirectoryQuery, OnwardReportRequest } from './directory';
// Response types, by domain.
export type {
  Bar,
  EncounterRefreshStatus,
  ExportKind,
  ExportStatus,
  HealthcareUse,
  HealthcareUseFigure,
  InsightsFilterValues,
  InsightsReport,
  Shown,
} from './insights';
export type {
  DirectoryImport,
  ServiceCapacity,
  ServiceResult,
  ServiceSearch,
  TrackRecord,
} from './directory';
export type { CaseAssignment, CaseAssignments, SignedInWorker, TeamMember } from './team';
export type {
  AnswersRecord,
  CaseClosure,
  CaseNote,
  CaseRecordDetail,
  CaseSummary,
  ContactAttempt,
  GoalRecord,
  HeldChange,
  HeldReferral,
  OnwardReferral,
  StatusStep,
  SyncKind,
  SyncState,
} from './case';
export type { CaseConsent } from './consent';
export type { QuestionnaireLink, SentQuestionnaireLink } from './record';
export type {
  CaseCover,
  CaseDetails,
  Caseload,
  CaseloadRow,
  CodedText,
  CommunityService,
  PatientView,
  ReferralView,
  Requester,
} from './caseload';
export type { CaseAppointments, DiaryAppointment } from './diary';
export type { AssessedNeed, CarePlanAction, CaseCarePlan, PersonalisedPlan } from './care-plan';
export type { CaseCommunication, CaseRisk, CaseRisks, RecordedRisk, RiskSource } from './risk';
export type { CaseSource, CaseSources, LocalPerson, PersonMatch, ReferralOpened } from './intake';
