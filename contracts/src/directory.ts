import { z } from 'zod';
import { ONWARD_REFERRAL_STATE_CODES } from '@linkwell/profiles';
import { CAPACITY_STATES, WEEKDAYS, type CapacityState } from './case-lists';
import { body, oneOf, optionalText, wholeNumber } from './rules';

// The service directory's requests: the search, a service's capacity, an onward referral's progress.

/** A query parameter given once: trimmed; undefined when left out, empty or repeated. */
const param = z
  .unknown()
  .optional()
  .transform((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined));
const number = (v: string | undefined): number | undefined =>
  v === undefined ? undefined : Number(v);

/**
 * GET /api/directory/services?need=&text=&near=&caseId=&day=&age=&openNow=true&limit=: whether a
 * need is one the directory maps, and a postcode one it knows, the adapter checks after this.
 */
export const DirectoryQuery = body({
  need: param,
  text: param.transform((v) => v?.slice(0, 200)),
  /** A postcode to search near; else near the person of `caseId`. */
  near: param,
  caseId: param,
  day: param.transform((v) => v?.toUpperCase()).pipe(oneOf(WEEKDAYS).optional()),
  age: param
    .transform(number)
    .pipe(wholeNumber(0, 130, 'age must be a whole number of years.').optional()),
  openNow: param.transform((v) => v === 'true'),
  /** Not a number asks for the default, 20; the search keeps it within 1 to 100. */
  limit: param.transform((v) => (v === undefined ? undefined : Number(v) || 20)),
});
/** What the app asks for; it sends each as a query parameter (openNow only when true). */
export type DirectoryQuery = Partial<Readonly<z.output<typeof DirectoryQuery>>>;

/** PUT /api/directory/services/:id/capacity */
export const CapacityRequest = body({
  state: oneOf(CAPACITY_STATES),
  expectedWaitWeeks: wholeNumber(
    0,
    104,
    'expectedWaitWeeks must be a whole number of weeks (0 to 104).',
  ).optional(),
  note: optionalText(500),
});
export type CapacityRequest = z.input<typeof CapacityRequest>;

/** POST /api/onward-referrals/:id/report: what the service said; a refusal or no-show says why. */
export const OnwardReportRequest = body({
  state: oneOf(ONWARD_REFERRAL_STATE_CODES),
  reason: optionalText(500),
}).superRefine((v, ctx) => {
  if ((v.state === 'declined' || v.state === 'did-not-attend') && v.reason === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'Say why (reason) when the service declined or the person did not attend.',
      path: ['reason'],
    });
  }
});
export type OnwardReportRequest = z.input<typeof OnwardReportRequest>;

// What the directory's routes answer: the adapter's results are checked against these and the
// link-worker app reads them (fhir-server-adapter/src/directory/search.ts, importer.ts).

/** Whether a service takes referrals, and who said so when (`feed`, `coordinator` or a worker). */
export interface ServiceCapacity {
  readonly state: CapacityState;
  readonly expectedWaitWeeks?: number;
  readonly note?: string;
  readonly confirmedAt?: string;
  readonly confirmedBy: string;
}

/** How a service answers the service's onward referrals, and whether people get there. */
export interface TrackRecord {
  readonly referrals: number;
  readonly replied: number;
  /** Accepted of those answered, 0..1; absent before any answer. */
  readonly acceptanceRate?: number;
  readonly medianDaysToReply?: number;
  /** Attended of those accepted whose attendance is known, 0..1. */
  readonly attendanceRate?: number;
}

/** One search result: what, where, when, who to contact, capacity and track record. */
export interface ServiceResult {
  readonly id: string;
  readonly name: string;
  readonly offers?: string;
  readonly organization?: string;
  readonly categories: readonly string[];
  readonly where: readonly {
    readonly name: string;
    readonly address?: string;
    readonly distanceKm?: number;
  }[];
  readonly distanceKm?: number;
  readonly opening: readonly string[];
  readonly openNow?: boolean;
  readonly eligibility?: string;
  /** The ages the service takes, where the directory says. */
  readonly ages?: { readonly min?: number; readonly max?: number };
  readonly contacts: readonly {
    readonly name?: string;
    readonly title?: string;
    readonly email?: string;
    readonly phones: readonly string[];
  }[];
  readonly phones: readonly string[];
  readonly email?: string;
  readonly url?: string;
  /** Absent for a directory read from the FHIR server (no feed configured). */
  readonly capacity?: ServiceCapacity;
  readonly trackRecord?: TrackRecord;
}

/** GET /api/directory/services (with a feed configured). */
export interface ServiceSearch {
  readonly total: number;
  readonly services: readonly ServiceResult[];
}

/** One directory import (`POST /api/directory/import`, `GET /api/directory/import/:id`). */
export interface DirectoryImport {
  readonly id: string;
  readonly feedName: string;
  readonly state: 'running' | 'done' | 'failed';
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly pagesRead: number;
  readonly totalPages?: number;
  readonly seen: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly inactivated: number;
  readonly refused: readonly { readonly id?: string; readonly reasons: readonly string[] }[];
  /** FHIR transactions sent, and the resources in them. */
  readonly transactions?: number;
  readonly resourcesWritten?: number;
  readonly error?: string;
}
