import type { z } from 'zod';
import { FIELD, body, calendarDate, text } from './rules';

// The team caseload's requests: hand a case to a colleague, or have one cover it for some days.

const PRACTITIONER = /^Practitioner\/[A-Za-z0-9\-.]{1,64}$/;

/** A reference to a Practitioner of the service's directory, e.g. Practitioner/lw-1. */
const practitioner = () =>
  text(100).refine((v) => PRACTITIONER.test(v), {
    error: `${FIELD} must be a Practitioner reference, e.g. Practitioner/lw-1.`,
  });

/** POST /api/cases/:caseId/assign */
export const AssignRequest = body({ to: practitioner() });
export type AssignRequest = z.input<typeof AssignRequest>;

/** POST /api/cases/:caseId/cover: who covers, from and until which days (both included). */
export const CoverRequest = body({
  by: practitioner(),
  from: calendarDate().optional(),
  until: calendarDate().optional(),
})
  .refine((v) => v.from !== undefined, {
    error: 'from is required: the first day of cover.',
    path: ['from'],
    abort: true,
  })
  .refine((v) => v.until !== undefined, {
    error: 'until is required: the last day of cover.',
    path: ['until'],
    abort: true,
  })
  .refine((v) => (v.until ?? '') >= (v.from ?? ''), {
    error: 'until must be on or after from.',
    path: ['until'],
  })
  .transform((v) => ({ by: v.by, from: v.from ?? '', until: v.until ?? '' }));
export type CoverRequest = z.input<typeof CoverRequest>;

// What the API answers: the app reads these, the adapter's handlers are typed by them.

export interface SignedInWorker {
  readonly practitioner: string;
  readonly serviceOrg: string;
  /** The link worker's name; null when the FHIR server does not know it. */
  readonly name?: string | null;
  /** Whether they manage the service (sees the service's figures and exports). */
  readonly manager?: boolean;
}

/** A member of the signed-in worker's service (`GET /api/team`). */
export interface TeamMember {
  readonly practitioner: string;
  readonly name: string;
}

/** Who has held or covered a case (`/api/cases/:id/assignments`). */
export interface CaseAssignment {
  readonly seq: number;
  readonly kind: 'holder' | 'cover';
  readonly practitioner: string;
  readonly coverFrom?: string;
  readonly coverUntil?: string;
  readonly endedAt?: string;
  readonly at: string;
  readonly by: string;
}

export interface CaseAssignments {
  readonly history: readonly CaseAssignment[];
  readonly cover: CaseAssignment | null;
}
