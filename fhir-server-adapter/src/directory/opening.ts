import { WEEKDAYS, type EntrySchedule, type Weekday } from './entry';

/** The weekday and HH:MM of an instant in the directory's time zone. */
export function localTime(at: Date, timeZone: string): { day: Weekday; time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const day = get('weekday').slice(0, 2).toUpperCase() as Weekday;
  return { day: WEEKDAYS.includes(day) ? day : 'MO', time: `${get('hour')}:${get('minute')}` };
}

/** Open on that day at that time (weekly sessions; a session without hours counts all day). */
export function openAt(schedules: readonly EntrySchedule[], day: Weekday, time: string): boolean {
  return schedules.some(
    (s) =>
      !s.monthly &&
      s.days.includes(day) &&
      (s.opens === undefined || s.opens <= time) &&
      (s.closes === undefined || time < s.closes),
  );
}

const DAY_NAMES: Record<Weekday, string> = {
  MO: 'Mon',
  TU: 'Tue',
  WE: 'Wed',
  TH: 'Thu',
  FR: 'Fri',
  SA: 'Sat',
  SU: 'Sun',
};

/** "Mon, Wed 10:00–12:00" per session, for a person to read. */
export function openingText(schedules: readonly EntrySchedule[]): string[] {
  return schedules.map((s) => {
    const days = s.days.map((d) => DAY_NAMES[d]).join(', ');
    const hours = s.opens === undefined ? '' : ` ${s.opens}–${s.closes ?? ''}`;
    return (
      `${s.monthly ? 'Monthly: ' : ''}${days}${hours}`.trim() ||
      (s.description ?? 'Ask the service')
    );
  });
}
