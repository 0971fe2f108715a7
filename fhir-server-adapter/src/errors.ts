import { ApiError } from '@linkwell/contracts';
import { ProfileInputError } from '@linkwell/profiles';

// The adapter's one error type for its API is the contract's ApiError: an HTTP status, a stable
// code a UI can switch on, and a message a person can act on; the error handler sends `toBody()`.
export { ApiError };

export const badRequest = (message: string, field?: string): ApiError =>
  new ApiError(400, 'bad-request', message, field);
export const unauthorized = (message: string): ApiError =>
  new ApiError(401, 'unauthorized', message);
export const forbidden = (message: string): ApiError => new ApiError(403, 'forbidden', message);
export const notFound = (message: string): ApiError => new ApiError(404, 'not-found', message);
export const conflict = (message: string, field?: string): ApiError =>
  new ApiError(409, 'conflict', message, field);
/** The patient did not agree to what was asked (e.g. sharing without write-back consent). */
export const noConsent = (message: string): ApiError => new ApiError(409, 'no-consent', message);

/** Any thrown value as an ApiError: profile input errors are the caller's fault, the rest ours. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ProfileInputError) {
    return new ApiError(422, 'invalid-input', error.message, error.field);
  }
  const status = (error as { status?: unknown; type?: unknown }).status;
  const type = (error as { type?: unknown }).type;
  // body-parser errors carry a status and a type.
  if (type === 'entity.too.large') {
    return new ApiError(413, 'too-large', 'The request body is too large.');
  }
  if (type === 'entity.parse.failed') {
    return new ApiError(400, 'malformed-json', 'The request body is not valid JSON.');
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new ApiError(status, 'bad-request', 'The request could not be read.');
  }
  return new ApiError(500, 'internal', 'Something went wrong in the adapter; it has been logged.');
}
