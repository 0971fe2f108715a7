import { z } from 'zod';
import { REFERRAL_NEEDS } from '@linkwell/profiles';
import { RECORDED_REFERRAL_SOURCES, type ReferralSource } from './case-lists';
import { FIELD, body, calendarDate, nested, nhsNumber, oneOf, optionalText, text } from './rules';

// Referrals from anyone: find the person on the EHR, open a case from another source.

const today = (): string => new Date().toISOString().slice(0, 10);

/** The person as recorded when they are not registered on the EHR. */
const person = nested({
  birthDate: calendarDate(`${FIELD} is required (YYYY-MM-DD).`).refine((v) => v <= today(), {
    error: `${FIELD} must not be in the future.`,
  }),
  given: text(100),
  family: text(100),
  nhsNumber: nhsNumber(),
  postcode: optionalText(10).transform((v) => v?.toUpperCase()),
  contact: optionalText(200),
});

const named = (kinds: readonly string[]) => (kind: string) => !kinds.includes(kind);

/** Who referred; a named referrer (and their organisation) unless the person referred themself. */
const source = nested({
  kind: oneOf(RECORDED_REFERRAL_SOURCES),
  referrerName: optionalText(200),
  referrerOrganisation: optionalText(200),
  referrerContact: optionalText(200),
  heardFrom: optionalText(500),
  reason: text(2000),
}).superRefine((v, ctx) => {
  const required = [
    ['referrerName', named(['self'])],
    ['referrerOrganisation', named(['self', 'other'])],
  ] as const;
  for (const [field, needed] of required) {
    if (needed(v.kind) && v[field] === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `${FIELD} is required and must be text.`,
        path: [field],
      });
      return;
    }
  }
});

const PATIENT = /^Patient\/[A-Za-z0-9\-.]{1,64}$/;
const PATIENT_MESSAGE = `${FIELD} must be a reference Patient/<id>.`;
const NEEDS_MESSAGE = `${FIELD} must list at least one need.`;

/** POST /api/referrals: exactly one of `patient` (found on the EHR) or `person` (not registered). */
export const ReferralRequest = body({
  source,
  patient: z
    .string({ error: PATIENT_MESSAGE })
    .regex(PATIENT, { error: PATIENT_MESSAGE })
    .transform((v) => v as `Patient/${string}`)
    .nullish(),
  person: person.nullish(),
  needs: z.array(oneOf(REFERRAL_NEEDS), { error: NEEDS_MESSAGE }).min(1, { error: NEEDS_MESSAGE }),
  consent: nested({
    /** Must be true; the adapter refuses a case without it (422 no-consent). */
    shareWithService: z.unknown().transform((v) => v === true),
    writeBack: z.boolean({ error: `${FIELD} must be true or false.` }),
    /** Optional: research use is a separate choice, off unless the person agreed to it. */
    research: z.boolean({ error: `${FIELD} must be true or false.` }).optional(),
  }),
})
  .superRefine((v, ctx) => {
    if (((v.patient ?? undefined) === undefined) === ((v.person ?? undefined) === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'Give either patient (found on the EHR) or person (not registered), not both.',
        path: ['patient'],
      });
    }
  })
  .transform(({ patient, person, ...rest }) => ({
    ...rest,
    who: person === undefined || person === null ? { patient: patient ?? 'Patient/' } : { person },
  }));
export type ReferralRequest = z.input<typeof ReferralRequest>;

/** GET /api/people: by NHS number, or by family name and birth date. */
export const PeopleQuery = body({
  nhsNumber: nhsNumber(),
  family: optionalText(100),
  given: optionalText(100),
  birthDate: calendarDate().optional(),
}).superRefine((v, ctx) => {
  if (v.nhsNumber !== undefined) return;
  if (v.family === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'Search by nhsNumber, or by family and birthDate.',
      path: ['family'],
    });
  } else if (v.birthDate === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'birthDate is required with family (YYYY-MM-DD).',
      path: ['birthDate'],
    });
  }
});
export type PeopleQuery = z.input<typeof PeopleQuery>;

// What the API answers: the app reads these, the adapter's handlers are typed by them.

/** One person found on the EHR (`GET /api/people` answers `{ people }`): enough to tell them apart. */
export interface PersonMatch {
  readonly patient: `Patient/${string}`;
  readonly name: string;
  readonly birthDate?: string;
  readonly gender?: string;
  readonly nhsNumber?: string;
  readonly postcode?: string;
}

/** What `POST /api/referrals` answers: 201 a new case, 200 a source added to the person's open case. */
export interface ReferralOpened {
  readonly caseId: string;
  /** True when the person already had an open case: the source was added to it. */
  readonly linked: boolean;
  /** True when the case lives only in the store (the person is not registered on the EHR). */
  readonly local: boolean;
}

/** A person as the link worker recorded them (only for people not found on the EHR). */
export interface LocalPerson {
  readonly given: string;
  readonly family: string;
  /** YYYY-MM-DD. */
  readonly birthDate: string;
  readonly nhsNumber?: string;
  readonly postcode?: string;
  /** How to reach them (phone or email), as they gave it. */
  readonly contact?: string;
}

/** One referral of the person to the service: who referred, why, and when it was recorded. */
export interface CaseSource {
  /** Absent for a GP's referral Task that came before sources were recorded. */
  readonly id?: string;
  readonly kind: ReferralSource;
  readonly referrerName?: string;
  readonly referrerOrganisation?: string;
  readonly referrerContact?: string;
  readonly heardFrom?: string;
  readonly reason?: string;
  /** Referral needs codes (profiles' REFERRAL_NEEDS). */
  readonly needs: readonly string[];
  /** The GP's referral Task, for `gp`. */
  readonly taskId?: string;
  /** The link worker who recorded it (`Practitioner/<id>`); none for a GP's Task. */
  readonly recordedBy?: string;
  readonly recordedAt: string;
}

/** GET /api/cases/:caseId/sources: every referral of the person, the GP's among them. */
export interface CaseSources {
  /** True when the case is kept by the service only (the person is not on the EHR). */
  readonly local: boolean;
  readonly person: LocalPerson | null;
  readonly sources: readonly CaseSource[];
}
