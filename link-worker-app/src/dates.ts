// Dates as people in the UK read them; inputs of type date speak YYYY-MM-DD.
const DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export const formatDate = (value: string | undefined): string =>
  value === undefined || Number.isNaN(Date.parse(value)) ? '—' : DATE.format(new Date(value));

export const formatDateTime = (value: string): string =>
  Number.isNaN(Date.parse(value)) ? value : DATE_TIME.format(new Date(value));

export const today = (): string => new Date().toISOString().slice(0, 10);

export const days = (n: number): string => (n === 1 ? '1 day' : `${n} days`);
