import { OperationOutcomeError } from '@linkwell/profiles';

// The proxy's refusals, each an OperationOutcomeError (the one FHIR-facing error type, from profiles).
export { OperationOutcomeError };

/** 401: no usable access token (RFC 6750). */
export const unauthorized = (diagnostics: string): OperationOutcomeError =>
  OperationOutcomeError.of(401, 'login', diagnostics);
/** 403: a valid token whose scopes or patient context do not reach the request. */
export const forbidden = (diagnostics: string): OperationOutcomeError =>
  OperationOutcomeError.of(403, 'forbidden', diagnostics);
export const badRequest = (diagnostics: string): OperationOutcomeError =>
  OperationOutcomeError.of(400, 'invalid', diagnostics);
export const badGateway = (diagnostics: string): OperationOutcomeError =>
  OperationOutcomeError.of(502, 'transient', diagnostics);
/**
 * 404 for a `patient/` token: the same answer whether the resource does not exist, was deleted or
 * belongs to another patient, so the proxy is no oracle for other records.
 */
export const notKnown = (reference: string): OperationOutcomeError =>
  OperationOutcomeError.of(404, 'not-found', `${reference} is not known`);
export const preconditionFailed = (diagnostics: string): OperationOutcomeError =>
  OperationOutcomeError.of(412, 'conflict', diagnostics);
export const unprocessable = (diagnostics: string): OperationOutcomeError =>
  OperationOutcomeError.of(422, 'processing', diagnostics);
export const unsupportedMedia = (diagnostics: string): OperationOutcomeError =>
  OperationOutcomeError.of(415, 'not-supported', diagnostics);
