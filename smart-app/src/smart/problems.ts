import type { OperationOutcome } from 'fhir/r4';
import { OperationOutcomeError, asOperationOutcome, outcomeText } from '@linkwell/profiles';

/** Why the app cannot show the record, each with its own screen. */
export type ProblemKind =
  'no-launch' | 'session-expired' | 'forbidden' | 'unreachable' | 'unexpected';

export interface Problem {
  readonly kind: ProblemKind;
  /** What the server said, in its own words, when it said something. */
  readonly detail?: string;
}

interface HttpLike {
  status?: unknown;
  message?: unknown;
}

/** fhirclient's HttpError appends the response body to its message; recover the OperationOutcome. */
export function outcomeInMessage(message: string): OperationOutcome | undefined {
  const start = message.indexOf('{');
  if (start < 0) return undefined;
  try {
    return asOperationOutcome(JSON.parse(message.slice(start)));
  } catch {
    return undefined;
  }
}

/** What the server said, in its own words (every issue, one per line), when it said something. */
function serverWords(error: unknown, message: string): string | undefined {
  const outcome =
    error instanceof OperationOutcomeError ? error.outcome : outcomeInMessage(message);
  if (outcome !== undefined)
    return outcomeText(outcome, { atLeast: 'information', separator: '\n' });
  // An OAuth error ("invalid_grant: …") follows the status line and URL.
  const lines = message.split('\n').filter((line) => line.trim() !== '');
  const said = lines.slice(2).join(' ').trim();
  return said === '' ? undefined : said;
}

/** The launch lacks the context the app needs (no patient): shown as "open from a record". */
export class MissingContextError extends Error {
  constructor(what: string) {
    super(`The launch did not include ${what}.`);
    this.name = 'MissingContextError';
  }
}

/** Where the error happened: completing the launch (the code exchange) or reading the record. */
export type ProblemPhase = 'launch' | 'record';

/**
 * Sorts an error from fhirclient, fetch or our own reads into the screen a person should see, by
 * its type, HTTP status and the phase it happened in; never by the words of its message.
 */
export function problemOf(error: unknown, phase: ProblemPhase = 'record'): Problem {
  if (error instanceof MissingContextError) return { kind: 'no-launch' };
  const { status, message: raw } = (error ?? {}) as HttpLike;
  const message = typeof raw === 'string' ? raw : String(error);
  // fetch rejects with a TypeError when nothing answered.
  if (error instanceof TypeError) return { kind: 'unreachable' };
  const detail = serverWords(error, message);
  const withDetail = (kind: ProblemKind): Problem =>
    detail === undefined ? { kind } : { kind, detail };
  if (status === 401) return withDetail('session-expired');
  if (status === 403) return withDetail('forbidden');
  if (status === 502 || status === 503 || status === 504) return withDetail('unreachable');
  // The launch could not be completed (no state, a refused code): only a new launch helps.
  if (phase === 'launch') return withDetail('session-expired');
  return { kind: 'unexpected', detail: detail ?? message.split('\n')[0] ?? message };
}
