import { ProfileInputError } from './errors';

// FHIR R4 date and dateTime formats; a dateTime with a time must carry a time zone.
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATE_TIME =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d{1,9})?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00)))?$/;

export function requireText(field: string, value: string | undefined): string {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') {
    throw new ProfileInputError(field, 'is required and must not be blank');
  }
  return trimmed;
}

export function requireDate(field: string, value: string | undefined): string {
  if (value === undefined || !DATE.test(value)) {
    throw new ProfileInputError(field, `must be a date YYYY-MM-DD, got ${String(value)}`);
  }
  return value;
}

export function requireDateTime(field: string, value: string | undefined): string {
  if (value === undefined || !DATE_TIME.test(value)) {
    throw new ProfileInputError(
      field,
      `must be a FHIR dateTime such as 2025-02-03T10:15:00Z (time zone required with a time), got ${String(value)}`,
    );
  }
  return value;
}

export function requireOneOf<T extends string>(
  field: string,
  value: string | undefined,
  allowed: readonly T[],
): T {
  const match = allowed.find((a) => a === value);
  if (match === undefined) {
    throw new ProfileInputError(
      field,
      `must be one of ${allowed.join(', ')}, got ${String(value)}`,
    );
  }
  return match;
}

export function requireNonEmpty<T>(field: string, values: readonly T[] | undefined): readonly T[] {
  if (values === undefined || values.length === 0) {
    throw new ProfileInputError(field, 'needs at least one entry');
  }
  return values;
}

/** An integer answer or score within [min, max]; refuses missing, non-integer and out-of-range. */
export function requireIntegerInRange(
  field: string,
  value: number | undefined,
  min: number,
  max: number,
): number {
  if (value === undefined || typeof value !== 'number' || Number.isNaN(value)) {
    throw new ProfileInputError(field, `is missing: give a whole number from ${min} to ${max}`);
  }
  if (!Number.isInteger(value)) {
    throw new ProfileInputError(
      field,
      `must be a whole number from ${min} to ${max}, got ${value}`,
    );
  }
  if (value < min || value > max) {
    throw new ProfileInputError(field, `must be from ${min} to ${max}, got ${value}`);
  }
  return value;
}

export function requireNumberInRange(
  field: string,
  value: number | undefined,
  min: number,
  max: number,
): number {
  if (value === undefined || typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ProfileInputError(field, `is missing: give a number from ${min} to ${max}`);
  }
  if (value < min || value > max) {
    throw new ProfileInputError(field, `must be from ${min} to ${max}, got ${value}`);
  }
  return value;
}

export function rejectUnknownItems(
  instrument: string,
  answers: object,
  known: readonly string[],
): void {
  const unknown = Object.keys(answers).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw new ProfileInputError(
      `${instrument} answers`,
      `unknown item(s) ${unknown.join(', ')}; the items are ${known.join(', ')}`,
    );
  }
}
