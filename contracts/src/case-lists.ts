// The adapter's own record kinds that are not FHIR codes: what the link worker picks from when
// logging a contact or closing a case. The adapter validates against these keys; the app shows the
// labels. (Lists that are FHIR codes live in @linkwell/profiles.)

/** How a contact attempt was made. */
export const CONTACT_METHODS = {
  phone: 'Phone call',
  'text-message': 'Text message',
  email: 'Email',
  letter: 'Letter',
  'in-person': 'In person',
  'via-carer': 'Through a carer or relative',
} as const;
export type ContactMethod = keyof typeof CONTACT_METHODS;

/** What came of a contact attempt. */
export const CONTACT_OUTCOMES = {
  reached: 'Spoke with them',
  'no-answer': 'No answer',
  'left-message': 'Left a message',
  'wrong-number': 'Wrong number',
  declined: 'They declined',
} as const;
export type ContactOutcome = keyof typeof CONTACT_OUTCOMES;

/** How a case ends when the link worker closes it. */
export const DISCHARGE_OUTCOMES = {
  discharged: 'Discharged: support complete',
  'did-not-engage': 'Did not engage',
  declined: 'The person declined',
} as const;
export type DischargeOutcome = keyof typeof DISCHARGE_OUTCOMES;

/** How a meeting or call in the diary happens. */
export const APPOINTMENT_MODES = {
  'in-person': 'In person',
  phone: 'Phone call',
  video: 'Video call',
} as const;
export type AppointmentMode = keyof typeof APPOINTMENT_MODES;

/** How an appointment went, in the link worker's words, and the FHIR Appointment status it sets. */
export const APPOINTMENT_OUTCOMES = {
  attended: 'fulfilled',
  'did-not-attend': 'noshow',
  cancelled: 'cancelled',
} as const;
export type AppointmentOutcome = keyof typeof APPOINTMENT_OUTCOMES;
/** An appointment's FHIR status: booked until an outcome is recorded. */
export type AppointmentStatus = 'booked' | (typeof APPOINTMENT_OUTCOMES)[AppointmentOutcome];

/** When a questionnaire is answered: before support starts, or later to show change. */
export const QUESTIONNAIRE_TIMINGS = ['baseline', 'follow-up'] as const;
export type QuestionnaireTiming = (typeof QUESTIONNAIRE_TIMINGS)[number];

/**
 * Who referred the person to the service. `gp` is the GP's referral Task arriving from the EHR;
 * the others are recorded by a link worker (POST /api/referrals).
 */
export const REFERRAL_SOURCES = {
  self: 'Self-referral',
  'social-care': 'Social care',
  housing: 'Housing',
  'voluntary-sector': 'Voluntary or community sector',
  clinician: 'Another clinician (not the GP)',
  other: 'Someone else',
  gp: 'GP referral',
} as const;
export type ReferralSource = keyof typeof REFERRAL_SOURCES;
/** The sources a link worker records; a GP's referral comes from the EHR. */
export const RECORDED_REFERRAL_SOURCES = (Object.keys(REFERRAL_SOURCES) as ReferralSource[]).filter(
  (source) => source !== 'gp',
);

/**
 * Whether a community service takes referrals now (confirmed by the service, or the feed's), in the
 * words the link workers' directory and the coordinator's page show.
 */
export const CAPACITY_LABELS = {
  'taking-referrals': 'Taking referrals',
  'waiting-list': 'Waiting list',
  paused: 'Paused',
  closed: 'Closed',
} as const;
export type CapacityState = keyof typeof CAPACITY_LABELS;
export const CAPACITY_STATES: readonly CapacityState[] = Object.keys(
  CAPACITY_LABELS,
) as CapacityState[];

/** The days a service meets on, as the feed's schedules (iCalendar BYDAY) and the search name them. */
export const WEEKDAY_NAMES = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
} as const;
export type Weekday = keyof typeof WEEKDAY_NAMES;
export const WEEKDAYS: readonly Weekday[] = Object.keys(WEEKDAY_NAMES) as Weekday[];

/** A list's keys, for validating input against it. */
export const keysOf = <T extends Record<string, string>>(list: T): readonly (keyof T & string)[] =>
  Object.keys(list);
