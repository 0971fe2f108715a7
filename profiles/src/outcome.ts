import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4';

// The one OperationOutcome vocabulary of Linkwell's FHIR-facing code: an error type that carries an
// HTTP status and the server's (or our) OperationOutcome, and one way to turn an outcome into text.

export type IssueSeverity = OperationOutcomeIssue['severity'];
export type IssueCode = OperationOutcomeIssue['code'];

const RANK: Record<IssueSeverity, number> = { fatal: 0, error: 1, warning: 2, information: 3 };

/** An OperationOutcome with one issue. */
export function operationOutcome(
  code: IssueCode,
  diagnostics: string,
  severity: IssueSeverity = 'error',
): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, diagnostics }] };
}

export interface OutcomeTextOptions {
  /** The least severe issue to include (default `error`, so fatal and error issues). */
  readonly atLeast?: IssueSeverity;
  /** Between issues (default `; `). */
  readonly separator?: string;
}

/**
 * The outcome's own words for a person to read: each issue's diagnostics (or details, or code),
 * with the element it is about; undefined when no issue is severe enough.
 */
export function outcomeText(
  outcome: OperationOutcome | undefined,
  options: OutcomeTextOptions = {},
): string | undefined {
  const least = RANK[options.atLeast ?? 'error'];
  const texts = (outcome?.issue ?? [])
    .filter((issue) => RANK[issue.severity] <= least)
    .map((issue) =>
      [issue.diagnostics ?? issue.details?.text ?? issue.code, ...(issue.expression ?? [])]
        .filter(Boolean)
        .join(' at '),
    );
  return texts.length === 0 ? undefined : texts.join(options.separator ?? '; ');
}

/** A body that is an OperationOutcome, or undefined (for an answer of unknown shape). */
export function asOperationOutcome(body: unknown): OperationOutcome | undefined {
  const candidate = body as { resourceType?: unknown; issue?: unknown } | null | undefined;
  return candidate?.resourceType === 'OperationOutcome' && Array.isArray(candidate.issue)
    ? (body as OperationOutcome)
    : undefined;
}

/**
 * A FHIR interaction that did not succeed: the HTTP status (undefined when nothing answered) and
 * the OperationOutcome that says why. Thrown by our FHIR clients and by our FHIR-facing servers.
 */
export class OperationOutcomeError extends Error {
  readonly status: number | undefined;
  readonly outcome: OperationOutcome | undefined;

  constructor(status: number | undefined, message: string, outcome?: OperationOutcome) {
    super(message);
    this.name = 'OperationOutcomeError';
    this.status = status;
    this.outcome = outcome;
  }

  /** An error of ours with one issue, its diagnostics as the message. */
  static of(status: number, code: IssueCode, diagnostics: string): OperationOutcomeError {
    return new OperationOutcomeError(status, diagnostics, operationOutcome(code, diagnostics));
  }

  /** The outcome to send: the one carried, or one made from the message. */
  toOutcome(): OperationOutcome {
    return this.outcome ?? operationOutcome('exception', this.message);
  }
}
