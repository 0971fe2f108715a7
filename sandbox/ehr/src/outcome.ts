import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4';

/** The one FHIR-facing error: carries the HTTP status and the OperationOutcome the proxy sends. */
export class OperationOutcomeError extends Error {
  readonly status: number;
  readonly outcome: OperationOutcome;

  constructor(status: number, code: OperationOutcomeIssue['code'], diagnostics: string) {
    super(diagnostics);
    this.name = 'OperationOutcomeError';
    this.status = status;
    this.outcome = {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code, diagnostics }],
    };
  }
}

/** 401: no usable access token (RFC 6750). */
export const unauthorized = (diagnostics: string): OperationOutcomeError =>
  new OperationOutcomeError(401, 'login', diagnostics);
/** 403: a valid token whose scopes or patient context do not reach the request. */
export const forbidden = (diagnostics: string): OperationOutcomeError =>
  new OperationOutcomeError(403, 'forbidden', diagnostics);
export const badRequest = (diagnostics: string): OperationOutcomeError =>
  new OperationOutcomeError(400, 'invalid', diagnostics);
export const badGateway = (diagnostics: string): OperationOutcomeError =>
  new OperationOutcomeError(502, 'transient', diagnostics);
/**
 * 404 for a `patient/` token: the same answer whether the resource does not exist, was deleted or
 * belongs to another patient, so the proxy is no oracle for other records.
 */
export const notKnown = (reference: string): OperationOutcomeError =>
  new OperationOutcomeError(404, 'not-found', `${reference} is not known`);
export const preconditionFailed = (diagnostics: string): OperationOutcomeError =>
  new OperationOutcomeError(412, 'conflict', diagnostics);
export const unprocessable = (diagnostics: string): OperationOutcomeError =>
  new OperationOutcomeError(422, 'processing', diagnostics);
export const unsupportedMedia = (diagnostics: string): OperationOutcomeError =>
  new OperationOutcomeError(415, 'not-supported', diagnostics);
