// FHIR dates and dateTimes as people in the UK read them, with one rule for both apps:
// - missing (absent or empty) is shown as MISSING_DATE, an unreadable value as it was given;
// - a date (YYYY, YYYY-MM or YYYY-MM-DD) has no time zone: shown as written ("Feb 2025", "3 Feb 2025");
// - a dateTime is an instant: shown in the service's time zone, Europe/London, whatever the
//   browser's zone, so a GP and a link worker see the same day and time.

export const MISSING_DATE = '—';
export const UK_TIME_ZONE = 'Europe/London';

const YEAR = /^\d{4}$/;
const YEAR_MONTH = /^\d{4}-\d{2}$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

const format = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-GB', options);
const MONTH = format({ month: 'short', year: 'numeric', timeZone: 'UTC' });
const DAY = format({ day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const DAY_UK = format({ day: 'numeric', month: 'short', year: 'numeric', timeZone: UK_TIME_ZONE });
const DAY_TIME_UK = format({
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: UK_TIME_ZONE,
});

function parsed(value: string): Date | undefined {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The day of a FHIR date or dateTime: "3 Feb 2025" (a partial date as far as it goes). */
export function formatDate(value: string | undefined): string {
  if (value === undefined || value === '') return MISSING_DATE;
  if (YEAR.test(value)) return value;
  const date = parsed(YEAR_MONTH.test(value) ? `${value}-01` : value);
  if (date === undefined) return value;
  if (YEAR_MONTH.test(value)) return MONTH.format(date);
  return (DATE_ONLY.test(value) ? DAY : DAY_UK).format(date);
}

/** A dateTime with its time, "3 Feb 2025, 10:15" in UK time; a date alone as formatDate does. */
export function formatDateTime(value: string | undefined): string {
  if (value === undefined || value === '') return MISSING_DATE;
  if (!value.includes('T')) return formatDate(value);
  const date = parsed(value);
  return date === undefined ? value : DAY_TIME_UK.format(date);
}
