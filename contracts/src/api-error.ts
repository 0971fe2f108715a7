// The adapter's API answers every failure with one JSON shape, `{ error: ApiErrorDetail }`; the
// adapter throws ApiError and renders it, the link-worker app reads it back into the same class.

/** The codes the adapter's API answers with; a UI switches on these, never on message text. */
export const API_ERROR_CODES = [
  'bad-request',
  'invalid-input',
  'malformed-json',
  'too-large',
  'unauthorized',
  'forbidden',
  'not-found',
  'conflict',
  'no-consent',
  'internal',
  // The community directory (fhir-server-adapter/src/directory).
  'no-feed',
  'service-not-taking-referrals',
  // The diary and the team caseload (fhir-server-adapter/src/diary, api/assignment-routes.ts).
  'double-booked',
  'not-in-service',
  'team-unavailable',
  // Referrals from anyone (fhir-server-adapter/src/intake).
  'person-not-found',
  'ehr-unavailable',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiErrorDetail {
  readonly code: ApiErrorCode;
  /** Words a person can act on. */
  readonly message: string;
  /** The request field the error is about, when it is about one. */
  readonly field?: string;
  /** The request's id, to find it in the adapter's log. */
  readonly requestId?: string;
}

export interface ApiErrorBody {
  readonly error: ApiErrorDetail;
}

const isCode = (value: unknown): value is ApiErrorCode =>
  (API_ERROR_CODES as readonly unknown[]).includes(value);

/** An HTTP status, a stable code and a message: thrown by the adapter, re-made by the app. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly field: string | undefined;

  constructor(status: number, code: ApiErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }

  /** The body the adapter sends for this error. */
  toBody(requestId?: string): ApiErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.field === undefined ? {} : { field: this.field }),
        ...(requestId === undefined ? {} : { requestId }),
      },
    };
  }

  /**
   * The error an answer with `status` and parsed `body` stands for. A body of another shape (a
   * proxy's error page, say) keeps the status, with a code from it and a message that says so.
   */
  static fromAnswer(status: number, body: unknown): ApiError {
    const detail = (body as Partial<ApiErrorBody> | null | undefined)?.error;
    if (isCode(detail?.code) && typeof detail.message === 'string')
      return new ApiError(status, detail.code, detail.message, detail.field);
    return new ApiError(status, codeOfStatus(status), `The adapter answered ${status}.`);
  }
}

/** The code for a bare HTTP status. */
export function codeOfStatus(status: number): ApiErrorCode {
  switch (status) {
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 409:
      return 'conflict';
    case 413:
      return 'too-large';
    case 422:
      return 'invalid-input';
    default:
      return status >= 500 ? 'internal' : 'bad-request';
  }
}
