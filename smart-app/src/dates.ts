// The GP app's one date module: FHIR dates and dateTimes shown by the rule both apps share
// (@linkwell/profiles: missing shown as "—", dates as written, instants in UK time).
export { MISSING_DATE, formatDate, formatDateTime } from '@linkwell/profiles';
