// @linkwell/contracts: what the adapter's API and the link-worker app agree on.
export {
  API_ERROR_CODES,
  ApiError,
  codeOfStatus,
  type ApiErrorBody,
  type ApiErrorCode,
  type ApiErrorDetail,
} from './api-error';
