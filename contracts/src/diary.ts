import { z } from 'zod';
import {
  APPOINTMENT_MODES,
  APPOINTMENT_OUTCOMES,
  type AppointmentMode,
  type AppointmentStatus,
} from './case-lists';
import { body, calendarDate, dateTime, keyOf, optionalText, wholeNumber } from './rules';

// The diary's requests: book, move, close an appointment; a day or week of the diary.

const slot = {
  start: dateTime('start is required: when the meeting or call begins.'),
  minutes: wholeNumber(5, 480, 'minutes must be a whole number of minutes from 5 to 480.'),
};

/** POST /api/cases/:caseId/appointments */
export const BookAppointmentRequest = body({
  ...slot,
  mode: keyOf(APPOINTMENT_MODES),
  where: optionalText(200),
  withWhom: optionalText(200),
});
export type BookAppointmentRequest = z.input<typeof BookAppointmentRequest>;

/** PATCH /api/cases/:caseId/appointments/:appointmentId: a new time. */
export const MoveAppointmentRequest = body(slot);
export type MoveAppointmentRequest = z.input<typeof MoveAppointmentRequest>;

/** POST /api/cases/:caseId/appointments/:appointmentId/outcome */
export const AppointmentOutcomeRequest = body({
  outcome: keyOf(APPOINTMENT_OUTCOMES),
  reason: optionalText(500),
});
export type AppointmentOutcomeRequest = z.input<typeof AppointmentOutcomeRequest>;

const DAYS = 'days must be a whole number from 1 to 14.';

/** GET /api/diary?from=YYYY-MM-DD&days=N: from a day (default today) for 1 to 14 days. */
export const DiaryQuery = body({
  from: calendarDate().optional(),
  days: z
    .unknown()
    .optional()
    .transform((v) => (v === undefined ? 1 : Number(v)))
    .pipe(wholeNumber(1, 14, DAYS)),
});
export type DiaryQuery = { readonly from?: string; readonly days?: number | string };

// What the API answers: the app reads these, the adapter's handlers are typed by them.

/** A meeting or call in the diary (`/api/cases/:id/appointments`, `/api/diary`). */
export interface DiaryAppointment {
  readonly id: string;
  readonly caseId: string;
  readonly practitioner: string;
  readonly status: AppointmentStatus;
  readonly start: string;
  readonly end: string;
  readonly minutes: number;
  readonly mode: AppointmentMode;
  readonly where?: string;
  readonly withWhom?: string;
  readonly cancelReason?: string;
  readonly patientName?: string;
}

export interface CaseAppointments {
  readonly appointments: readonly DiaryAppointment[];
  readonly attendance: {
    readonly attended: number;
    readonly didNotAttend: number;
    readonly cancelled: number;
  };
}
