import type { Appointment } from 'fhir/r4';
import { LINKWELL_BASE } from '@linkwell/profiles';
import {
  APPOINTMENT_MODES,
  APPOINTMENT_OUTCOMES,
  type AppointmentMode,
  type AppointmentOutcome,
  type AppointmentStatus,
} from '@linkwell/contracts';

// A meeting or call in a link worker's diary, kept as a FHIR Appointment in the adapter's store.
// It stays with the service: the person's consent covers the referral and goals/outcomes written
// back, not their diary, so the outbound sync never sends it.

// How the meeting happens and how it went: the contract's lists, shared with the app.
export {
  APPOINTMENT_MODES,
  APPOINTMENT_OUTCOMES,
  type AppointmentMode,
  type AppointmentOutcome,
  type AppointmentStatus,
};

/** Local code system for how the meeting happens (R4 Appointment has no field for it). */
export const APPOINTMENT_MODE_SYSTEM = `${LINKWELL_BASE}/CodeSystem/linkwell-appointment-mode`;

export interface AppointmentSlot {
  /** ISO date-time with a zone. */
  readonly start: string;
  readonly minutes: number;
}

export interface AppointmentDetails extends AppointmentSlot {
  readonly mode: AppointmentMode;
  /** Where, or the number or link to use. */
  readonly where?: string;
  /** Who else takes part (a carer, an interpreter), in words. */
  readonly withWhom?: string;
}

export interface AppointmentRecord extends AppointmentDetails {
  readonly id: string;
  readonly caseId: string;
  readonly serviceOrg: string;
  /** `Practitioner/<id>` whose diary it is in. */
  readonly practitioner: string;
  readonly status: AppointmentStatus;
  readonly end: string;
  readonly cancelReason?: string;
  readonly bookedBy: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export const endOf = (slot: AppointmentSlot): string =>
  new Date(Date.parse(slot.start) + slot.minutes * 60_000).toISOString();

/** Whether two slots share any minute (touching end to start is not a clash). */
export const overlaps = (a: AppointmentSlot, b: AppointmentSlot): boolean =>
  Date.parse(a.start) < Date.parse(endOf(b)) && Date.parse(b.start) < Date.parse(endOf(a));

/** The FHIR Appointment for a diary entry: who (the person, the worker, anyone else), when, how. */
export function appointmentResource(
  record: AppointmentRecord,
  refs: { readonly patientRef: string | undefined; readonly referralRef: string | undefined },
): Appointment {
  return {
    resourceType: 'Appointment',
    id: record.id,
    status: record.status,
    serviceType: [
      {
        coding: [
          {
            system: APPOINTMENT_MODE_SYSTEM,
            code: record.mode,
            display: APPOINTMENT_MODES[record.mode],
          },
        ],
      },
    ],
    start: new Date(record.start).toISOString(),
    end: record.end,
    minutesDuration: record.minutes,
    ...(record.where === undefined ? {} : { comment: record.where }),
    ...(record.cancelReason === undefined
      ? {}
      : { cancelationReason: { text: record.cancelReason } }),
    ...(refs.referralRef === undefined ? {} : { basedOn: [{ reference: refs.referralRef }] }),
    participant: [
      // A person not registered on the EHR (a local-only case) is named in the store, not here.
      ...(refs.patientRef === undefined
        ? []
        : [{ actor: { reference: refs.patientRef }, status: 'accepted' as const }]),
      { actor: { reference: record.practitioner }, status: 'accepted' },
      ...(record.withWhom === undefined
        ? []
        : [{ actor: { display: record.withWhom }, status: 'tentative' as const }]),
    ],
  };
}
