const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A FHIR date or dateTime as a UK reader expects it: 3 Feb 2025. */
export function formatDate(value: string | undefined): string {
  if (value === undefined || value === '') return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(DATE_ONLY.test(value) ? { timeZone: 'UTC' } : {}),
  });
}
