import type { OperationOutcome } from 'fhir/r4';
import type { ProfileInputError } from '@linkwell/profiles';
import type { DraftField, FieldErrors } from './draft';

// Where a refusal points (a builder's field, or an OperationOutcome's expression) → the form field.
const FIELD_PATTERNS: readonly [RegExp, DraftField][] = [
  [/reasonCode|^needs/i, 'needs'],
  [/contactPreference|ServiceRequest\.extension/i, 'contactPreferences'],
  [/priority/i, 'priority'],
  [/\bnote\b/i, 'whatMatters'],
  [/performer|owner|linkWorkerService|provision\.actor/i, 'service'],
  [/Consent|permits/i, 'consentToShare'],
];

export function fieldFor(path: string): DraftField {
  return FIELD_PATTERNS.find(([pattern]) => pattern.test(path))?.[1] ?? 'form';
}

function add(errors: FieldErrors, field: DraftField, message: string): FieldErrors {
  const existing = errors[field];
  return { ...errors, [field]: existing === undefined ? message : `${existing}. ${message}` };
}

/** The server's refusal, each issue against the field it names (or the whole form). */
export function errorsFromOutcome(outcome: OperationOutcome): FieldErrors {
  return outcome.issue
    .filter((issue) => issue.severity === 'error' || issue.severity === 'fatal')
    .reduce<FieldErrors>((errors, issue) => {
      const path = [...(issue.expression ?? []), ...(issue.location ?? [])].join(' ');
      const message =
        issue.diagnostics ?? issue.details?.text ?? `The server refused: ${issue.code}`;
      return add(errors, fieldFor(path === '' ? message : path), message);
    }, {});
}

/** A builder's refusal (the profile's rules checked in the browser) against its field. */
export function errorsFromBuilder(error: ProfileInputError): FieldErrors {
  return { [fieldFor(error.field)]: error.message };
}
