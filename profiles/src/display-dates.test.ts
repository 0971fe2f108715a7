import { MISSING_DATE, formatDate, formatDateTime } from './display-dates';

describe('formatDate', () => {
  it('shows a date as written, with no time-zone shift', () => {
    expect(formatDate('2025-02-03')).toBe('3 Feb 2025');
    expect(formatDate('2025-02')).toBe('Feb 2025');
    expect(formatDate('2025')).toBe('2025');
  });

  it('shows the UK day of a dateTime, whatever its offset', () => {
    // 23:30 in New York on 3 Feb is 04:30 on 4 Feb in London.
    expect(formatDate('2025-02-03T23:30:00-05:00')).toBe('4 Feb 2025');
    // 23:30 UTC in summer is 00:30 the next day in London (BST).
    expect(formatDate('2025-07-03T23:30:00Z')).toBe('4 Jul 2025');
  });

  it('has one rule for missing and unreadable values', () => {
    expect(formatDate(undefined)).toBe(MISSING_DATE);
    expect(formatDate('')).toBe(MISSING_DATE);
    expect(formatDate('next Tuesday')).toBe('next Tuesday');
  });
});

describe('formatDateTime', () => {
  it('shows the UK time of an instant', () => {
    expect(formatDateTime('2025-07-03T09:15:00Z')).toBe('3 Jul 2025, 10:15');
    expect(formatDateTime('2025-02-03T09:15:00Z')).toBe('3 Feb 2025, 09:15');
  });

  it('shows a date alone as formatDate does, and missing values the same way', () => {
    expect(formatDateTime('2025-02-03')).toBe('3 Feb 2025');
    expect(formatDateTime(undefined)).toBe(MISSING_DATE);
  });
});
