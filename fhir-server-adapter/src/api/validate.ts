import { badRequest } from '../errors';

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
  return value.trim();
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
  if (
    typeof value !== 'string' ||
    Number.isNaN(Date.parse(value)) ||
    !/T.*(Z|[+-]\d\d:\d\d)$/.test(value)
  ) {
    throw badRequest(
      `${field} must be a date and time with a time zone, e.g. 2025-02-03T10:15:00Z.`,
      field,
    );
  }
  return new Date(value).toISOString();
}

export function date(body: Body, field: string): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(Date.parse(value))
  ) {
    throw badRequest(`${field} must be a date YYYY-MM-DD.`, field);
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
    if (typeof answer !== 'number')
      throw badRequest(`answers.${item} must be a number.`, `answers.${item}`);
  }
  return value as Record<string, number>;
}
