import { z } from 'zod';

// The rules every request field of the adapter's API follows, as zod pieces. A message may name
// its field as `{field}`; the adapter's parseBody puts the field's path there (see FIELD).

/** Where a rule's message names the field it is about. */
export const FIELD = '{field}';

// NUL and the other control characters (tab and line breaks are text); PostgreSQL refuses NUL.
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Required text up to `max` characters, trimmed, with no control characters. */
export const text = (max = 2000) =>
  z
    .string({ error: `${FIELD} is required and must be text.` })
    .refine((v) => v.trim() !== '', {
      error: `${FIELD} is required and must be text.`,
      abort: true,
    })
    .refine((v) => v.length <= max, {
      error: `${FIELD} must be at most ${max} characters.`,
      abort: true,
    })
    .refine((v) => !CONTROL.test(v), {
      error: `${FIELD} must not contain NUL or other control characters.`,
    })
    .transform((v) => v.trim());

/** Text that may be left out or null (then undefined). */
export const optionalText = (max = 2000) =>
  text(max)
    .nullish()
    .transform((v) => v ?? undefined);

/** Text that may be left out (keep what is there) or null (clear it). */
export const clearableText = (max = 2000) => text(max).nullable().optional();

/** One of a list of codes. */
export const oneOf = <const T extends string>(allowed: readonly T[]) =>
  z.enum(allowed as unknown as readonly [T, ...T[]], {
    error: `${FIELD} must be one of ${allowed.join(', ')}.`,
  });

/** One of a list's keys (the lists in case-lists.ts). */
export const keyOf = <T extends Record<string, string>>(list: T) =>
  oneOf(Object.keys(list) as (keyof T & string)[]);

/** A message for a value left out, another for one of the wrong kind. */
const missingOr =
  (missing: string | undefined, wrong: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined && missing !== undefined ? missing : wrong;

/** A whole number from `min` to `max` (JSON's 1e400 is Infinity, refused). */
export const wholeNumber = (min: number, max: number, message: string) =>
  z
    .number({ error: message })
    .int({ error: message })
    .min(min, { error: message })
    .max(max, { error: message });

/** True or false; left out, the route decides. */
export const flag = () => z.boolean({ error: `${FIELD} must be true or false.` }).optional();

const UUID = /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i;

/** The id of a record: a UUID, lower-cased. */
export const recordId = () =>
  z
    .string({ error: `${FIELD} must be the id of a record (a UUID).` })
    .regex(UUID, { error: `${FIELD} must be the id of a record (a UUID).` })
    .transform((v) => v.toLowerCase());

// Years a link-worker record can plausibly name; outside them a date is a typo, not a plan.
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2999;

/** True when year-month-day is a day of the calendar (no 30 February) within the years above. */
export function realDay(year: number, month: number, day: number): boolean {
  if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is YYYY-MM-DD naming a real day within the years above. */
export function realDate(value: string): boolean {
  const m = DATE.exec(value);
  return m !== null && realDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

const DATE_MESSAGE = `${FIELD} must be a real date YYYY-MM-DD between ${FIRST_YEAR} and ${LAST_YEAR}.`;

/** A real calendar day, YYYY-MM-DD; `missing` is the message when it is left out. */
export const calendarDate = (missing?: string) =>
  z.string({ error: missingOr(missing, DATE_MESSAGE) }).refine(realDate, { error: DATE_MESSAGE });

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** True when `value` is an ISO 8601 date-time with a zone whose every part is in range. */
export function realDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (m === null) return false;
  const [year, month, day, hour, minute, second, , zoneHour, zoneMinute] = m
    .slice(1)
    // Optional groups that did not match are undefined.
    .map((part: string | undefined) => Number(part ?? 0));
  if (!realDay(year ?? 0, month ?? 0, day ?? 0)) return false;
  if ((hour ?? 0) > 23 || (minute ?? 0) > 59 || (second ?? 0) > 59) return false;
  return (zoneHour ?? 0) <= 14 && (zoneMinute ?? 0) <= 59;
}

const DATE_TIME_MESSAGE = `${FIELD} must be a real date and time with a time zone, between ${FIRST_YEAR} and ${LAST_YEAR}, e.g. 2025-02-03T10:15:00Z.`;

/** A real date and time with a zone, given back as UTC; `missing` is the message when left out. */
export const dateTime = (missing?: string) =>
  z
    .string({ error: missingOr(missing, DATE_TIME_MESSAGE) })
    .refine(realDateTime, { error: DATE_TIME_MESSAGE })
    .transform((v) => new Date(v).toISOString());

const NHS_NUMBER = /^\d{10}$/;

/** An NHS number: ten digits whose last is the modulus 11 check digit of the others. */
export function validNhsNumber(value: string): boolean {
  const digits = value.replace(/\s/g, '');
  if (!NHS_NUMBER.test(digits)) return false;
  const sum = Array.from(digits.slice(0, 9), Number).reduce((s, d, i) => s + d * (10 - i), 0);
  const check = 11 - (sum % 11);
  return (check === 11 ? 0 : check) === Number(digits[9]) && check !== 10;
}

/** An NHS number that may be left out, given back without spaces. */
export const nhsNumber = () =>
  optionalText(20)
    .transform((v) => v?.replace(/\s/g, ''))
    .refine((v) => v === undefined || validNhsNumber(v), {
      error: `${FIELD} must be a valid 10-digit NHS number.`,
    });

/** A nested object of a request body. */
export const nested = <S extends z.ZodRawShape>(shape: S) =>
  z.object(shape, { error: `${FIELD} is required and must be an object.` });

const ITEM = /^[A-Za-z0-9._-]{1,64}$/;

/** Questionnaire answers: item id → small whole number (the scorer checks each one's range). */
export const answers = () =>
  z
    .record(z.string(), z.unknown(), { error: `${FIELD} must be an object of item → number.` })
    .superRefine((value, ctx) => {
      for (const [item, answer] of Object.entries(value)) {
        if (!ITEM.test(item)) {
          ctx.addIssue({
            code: 'custom',
            message: `${FIELD} must be keyed by item ids (letters, digits, . _ -).`,
          });
          return;
        }
        // JSON's 1e400 is Infinity; a score is a small whole number.
        if (typeof answer !== 'number' || !Number.isInteger(answer) || Math.abs(answer) > 1000) {
          ctx.addIssue({
            code: 'custom',
            message: `${FIELD} must be a whole number.`,
            path: [item],
          });
          return;
        }
      }
    })
    .transform((value) => value as Record<string, number>);

/** A request body: a JSON object with these fields (others are ignored). */
export const body = <S extends z.ZodRawShape>(shape: S) =>
  z.object(shape, { error: 'The request body must be a JSON object.' });
