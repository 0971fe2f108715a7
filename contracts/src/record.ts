import type { z } from 'zod';
import {
  GOAL_ACHIEVEMENTS,
  INSTRUMENTS,
  LINK_WORKER_GOAL_STATUSES,
  type Instrument,
} from '@linkwell/profiles';
import {
  CONTACT_METHODS,
  CONTACT_OUTCOMES,
  QUESTIONNAIRE_TIMINGS,
  type QuestionnaireTiming,
} from './case-lists';
import {
  FIELD,
  answers,
  body,
  calendarDate,
  dateTime,
  flag,
  keyOf,
  oneOf,
  optionalText,
  text,
  wholeNumber,
} from './rules';

// A case's records: contact attempts, notes, goals, questionnaire answers, onward referrals.
// `share` left out follows the person's consent.

/** POST /api/cases/:caseId/contact-attempts (`at` left out: now). */
export const ContactAttemptRequest = body({
  at: dateTime().optional(),
  method: keyOf(CONTACT_METHODS),
  outcome: keyOf(CONTACT_OUTCOMES),
});
export type ContactAttemptRequest = z.input<typeof ContactAttemptRequest>;

/** POST /api/cases/:caseId/notes */
export const NoteRequest = body({ text: text(10_000) });
export type NoteRequest = z.input<typeof NoteRequest>;

/** POST /api/cases/:caseId/goals (`startDate` left out: today). */
export const GoalRequest = body({
  description: text(1000),
  targetMeasure: optionalText(500),
  targetDetail: optionalText(500),
  targetDue: calendarDate().optional(),
  startDate: calendarDate().optional(),
  share: flag(),
});
export type GoalRequest = z.input<typeof GoalRequest>;

/** PATCH /api/cases/:caseId/goals/:goalId */
export const GoalUpdateRequest = body({
  lifecycleStatus: oneOf(LINK_WORKER_GOAL_STATUSES),
  achievement: oneOf(GOAL_ACHIEVEMENTS).optional(),
});
export type GoalUpdateRequest = z.input<typeof GoalUpdateRequest>;

/** POST /api/cases/:caseId/questionnaires (`authored` left out: now). */
export const AnswersRequest = body({
  instrument: oneOf(INSTRUMENTS),
  answers: answers(),
  timing: oneOf(QUESTIONNAIRE_TIMINGS),
  authored: dateTime().optional(),
  share: flag(),
});
export type AnswersRequest = z.input<typeof AnswersRequest>;

const SERVICE_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** POST /api/cases/:caseId/onward-referrals: `service` is a HealthcareService id or reference. */
export const OnwardReferralRequest = body({
  service: text(100)
    .transform((v) => v.replace(/^HealthcareService\//, ''))
    .refine((v) => SERVICE_ID.test(v), { error: `${FIELD} must be a HealthcareService id.` }),
  note: optionalText(2000),
  share: flag(),
  /** Refer to a paused or closed service anyway (the service agreed). */
  confirmCapacity: flag(),
});
export type OnwardReferralRequest = z.input<typeof OnwardReferralRequest>;

/** POST /api/cases/:caseId/questionnaire-links: a one-time link, valid 1 to 30 days (default 7). */
export const QuestionnaireLinkRequest = body({
  instrument: oneOf(INSTRUMENTS),
  timing: oneOf(QUESTIONNAIRE_TIMINGS),
  share: flag(),
  validDays: wholeNumber(1, 30, 'validDays must be a whole number of days from 1 to 30.')
    .nullish()
    .transform((v) => v ?? 7),
});
export type QuestionnaireLinkRequest = z.input<typeof QuestionnaireLinkRequest>;

// What the API answers: the app reads these, the adapter's handlers are typed by them.

/** A questionnaire sent by link (`GET .../questionnaire-links` answers `{ links }`). */
export interface QuestionnaireLink {
  readonly id: string;
  readonly instrument: Instrument;
  readonly timing: QuestionnaireTiming;
  /** The scores go to the GP record (consent allowing at send time). */
  readonly shared: boolean;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  /** When the person answered; the link works once. */
  readonly usedAt?: string;
  readonly answersId?: string;
}

/** `POST .../questionnaire-links`: the new link, its URL and a QR code of it (an SVG data URL). */
export interface SentQuestionnaireLink extends QuestionnaireLink {
  readonly url: string;
  readonly qr: string;
}
