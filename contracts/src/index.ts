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
  CONTACT_METHODS,
  CONTACT_OUTCOMES,
  DISCHARGE_OUTCOMES,
  RECORDED_REFERRAL_SOURCES,
  REFERRAL_SOURCES,
  keysOf,
  type AppointmentMode,
  type ContactMethod,
  type ContactOutcome,
  type DischargeOutcome,
  type ReferralSource,
} from './case-lists';
export { parseWith } from './parse';
export * as rules from './rules';
export { AssignRequest, CoverRequest } from './team';
