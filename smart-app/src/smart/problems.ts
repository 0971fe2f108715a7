import type { OperationOutcome } from 'fhir/r4';

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
    const body = JSON.parse(message.slice(start)) as { resourceType?: unknown };
    return body.resourceType === 'OperationOutcome' ? (body as OperationOutcome) : undefined;
  } catch {
    return undefined;
  }
}

/** The human-readable part of an OperationOutcome: its diagnostics or details, one per line. */
export function outcomeText(outcome: OperationOutcome): string {
  return outcome.issue
    .map((issue) => issue.diagnostics ?? issue.details?.text ?? issue.code)
    .join('\n');
}

function serverWords(message: string): string | undefined {
  const outcome = outcomeInMessage(message);
  if (outcome !== undefined) return outcomeText(outcome);
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

const NETWORK = /failed to fetch|networkerror|load failed|network request failed|fetch failed/i;
const NO_SESSION = /no state found|session expired|invalid_grant|no access token/i;

/** Sorts an error from fhirclient or fetch into the screen a person should see. */
export function problemOf(error: unknown): Problem {
  // Sorted by what it is, not by matching its words: only fhirclient's own errors need patterns.
  if (error instanceof MissingContextError) return { kind: 'no-launch' };
  const { status, message: raw } = (error ?? {}) as HttpLike;
  const message = typeof raw === 'string' ? raw : String(error);
  const detail = serverWords(message);
  const withDetail = (kind: ProblemKind): Problem =>
    detail === undefined ? { kind } : { kind, detail };
  if (status === 401) return withDetail('session-expired');
  if (status === 403) return withDetail('forbidden');
  if (status === 502 || status === 503 || status === 504) return withDetail('unreachable');
  if (error instanceof TypeError && NETWORK.test(message)) return { kind: 'unreachable' };
  if (NETWORK.test(message)) return { kind: 'unreachable' };
  if (NO_SESSION.test(message)) return withDetail('session-expired');
  return { kind: 'unexpected', detail: detail ?? message.split('\n')[0] ?? message };
}
