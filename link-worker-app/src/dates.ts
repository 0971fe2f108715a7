// The link-worker app's one date module: FHIR dates and dateTimes shown by the rule both apps share
// (@linkwell/profiles: missing shown as "—", dates as written, instants in UK time), and the
// date arithmetic its forms need.
export { MISSING_DATE, formatDate, formatDateTime } from '@linkwell/profiles';

/** Today as an input of type date speaks it (YYYY-MM-DD). */
export const today = (): string => new Date().toISOString().slice(0, 10);

export const days = (n: number): string => (n === 1 ? '1 day' : `${n} days`);
