import { rules } from '@linkwell/contracts';
import { badRequest } from '../errors';

const { CONTROL, FIRST_YEAR, LAST_YEAR, realDate, realDateTime } = rules;

// Edge validation for the link-worker API: every message names the field and what is allowed.
export type Body = Record<string, unknown>;

export function objectBody(body: unknown): Body {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('The request body must be a JSON object.');
  }
  return body as Body;
}

export function text(body: Body, field: string, max = 2000): string {
  const value = body[field];
  if (typeof value !== 'string' || value.trim() === '') {
    throw badRequest(`${field} is required and must be text.`, field);
  }
  if (value.length > max) throw badRequest(`${field} must be at most ${max} characters.`, field);
  if (CONTROL.test(value)) {
    throw badRequest(`${field} must not contain NUL or other control characters.`, field);
  }
  return value.trim();
}

/** A path parameter naming a record: a UUID, else 400 (never a database error). */
export function recordId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(value)) {
    throw badRequest(`${field} must be the id of a record (a UUID).`, field);
  }
  return value.toLowerCase();
}

export function optionalText(body: Body, field: string, max = 2000): string | undefined {
  return body[field] === undefined || body[field] === null ? undefined : text(body, field, max);
}

export function oneOf<T extends string>(body: Body, field: string, allowed: readonly T[]): T {
  const value = body[field];
  const match = allowed.find((a) => a === value);
  if (match === undefined) {
    throw badRequest(`${field} must be one of ${allowed.join(', ')}.`, field);
  }
  return match;
}

export function optionalOneOf<T extends string>(
  body: Body,
  field: string,
  allowed: readonly T[],
): T | undefined {
  return body[field] === undefined ? undefined : oneOf(body, field, allowed);
}

export function flag(body: Body, field: string, fallback: boolean): boolean {
  const value = body[field];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw badRequest(`${field} must be true or false.`, field);
  return value;
}

export function dateTime(body: Body, field: string, fallback: () => string): string {
  const value = body[field];
  if (value === undefined) return fallback();
  if (typeof value !== 'string' || !realDateTime(value)) {
    throw badRequest(
      `${field} must be a real date and time with a time zone, between ${FIRST_YEAR} and ${LAST_YEAR}, e.g. 2025-02-03T10:15:00Z.`,
      field,
    );
  }
  return new Date(value).toISOString();
}

export function date(body: Body, field: string): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !realDate(value)) {
    throw badRequest(
      `${field} must be a real date YYYY-MM-DD between ${FIRST_YEAR} and ${LAST_YEAR}.`,
      field,
    );
  }
  return value;
}

/** Answers as item → whole number; the scorer then checks each one's range. */
export function answers(body: Body): Record<string, number> {
  const value = body.answers;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('answers must be an object of item → number.', 'answers');
  }
  for (const [item, answer] of Object.entries(value)) {
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(item)) {
      throw badRequest('answers must be keyed by item ids (letters, digits, . _ -).', 'answers');
    }
    // JSON's 1e400 is Infinity; a score is a small whole number.
    if (typeof answer !== 'number' || !Number.isInteger(answer) || Math.abs(answer) > 1000)
      throw badRequest(`answers.${item} must be a whole number.`, `answers.${item}`);
  }
  return value as Record<string, number>;
}
