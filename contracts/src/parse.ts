import type { z } from 'zod';
import { ApiError } from './api-error';
import { FIELD } from './rules';

/** The field an issue is about (`answers.anxiety`, `needs[1]`); undefined for the body. */
const pathOf = (issue: z.core.$ZodIssue): string | undefined =>
  issue.path.length === 0
    ? undefined
    : issue.path
        .map((part, i) =>
          typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`,
        )
        .join('');

/**
 * `value` as `schema` reads it, else ApiError 400 `bad-request` for the first issue, naming its
 * field (`field` or the issue's path) and what is allowed.
 */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  field?: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const within = issue === undefined ? undefined : pathOf(issue);
  const path =
    field === undefined
      ? (within ?? '')
      : within === undefined
        ? field
        : `${field}${within.startsWith('[') ? '' : '.'}${within}`;
  const named = path === '' ? undefined : path;
  const message = (issue?.message ?? 'The request is not valid.')
    .split(FIELD)
    .join(named ?? 'value');
  throw new ApiError(400, 'bad-request', message, named);
}
