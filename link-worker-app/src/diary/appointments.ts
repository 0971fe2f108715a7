import { APPOINTMENT_MODES } from '@linkwell/contracts';
import type { DiaryAppointment } from '@linkwell/contracts';

// How the diary speaks about appointments (pure, so the words are tested without a browser).

export const MODES = APPOINTMENT_MODES;

export const STATUS_WORDS: Record<DiaryAppointment['status'], string> = {
  booked: 'Booked',
  fulfilled: 'Attended',
  noshow: 'Did not attend',
  cancelled: 'Cancelled',
};

const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const DAY = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long' });

export const timeOf = (iso: string): string => TIME.format(new Date(iso));
export const dayOf = (iso: string): string => DAY.format(new Date(iso));

/** "10:00–10:45 · In person · Riverside library · with her daughter" */
export function appointmentLine(a: DiaryAppointment): string {
  return [
    `${timeOf(a.start)}–${timeOf(a.end)}`,
    MODES[a.mode],
    a.where,
    a.withWhom === undefined ? undefined : `with ${a.withWhom}`,
  ]
    .filter((part) => part !== undefined)
    .join(' · ');
}

/** A `datetime-local` value (the worker's own clock) as an ISO instant with a zone. */
export function instantOf(local: string): string | undefined {
  const at = new Date(local);
  return local === '' || Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

/** The local YYYY-MM-DD of an instant, for grouping a week by day. */
export function localDay(iso: string): string {
  const at = new Date(iso);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** The days `from` (YYYY-MM-DD) onwards, `count` of them. */
export function daysFrom(from: string, count: number): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) =>
    new Date(start + i * 86_400_000).toISOString().slice(0, 10),
  );
}

/** The Monday of the week of `day` (YYYY-MM-DD). */
export function mondayOf(day: string): string {
  const at = new Date(`${day}T00:00:00Z`);
  const back = (at.getUTCDay() + 6) % 7;
  return new Date(at.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

/** Appointments grouped by their local day, each day in time order. */
export function byDay(appointments: readonly DiaryAppointment[]): Map<string, DiaryAppointment[]> {
  const days = new Map<string, DiaryAppointment[]>();
  for (const a of [...appointments].sort((x, y) => x.start.localeCompare(y.start))) {
    const key = localDay(a.start);
    days.set(key, [...(days.get(key) ?? []), a]);
  }
  return days;
}
