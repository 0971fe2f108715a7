import type { InsightsFilterValues, Shown } from '@linkwell/contracts';

/** The query string of a filter, empty fields left out (`?from=...&need=...`). */
export function insightsQuery(filter: InsightsFilterValues): string {
  const params = new URLSearchParams();
  for (const key of ['from', 'to', 'practice', 'worker', 'need'] as const) {
    const value = filter[key];
    if (value !== undefined && value !== '') params.set(key, value);
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** What a table cell says: the number, or that fewer than 5 people are behind it. */
export function shownText(figure: Shown, format: (n: number) => string = String): string {
  return figure.suppressed ? 'fewer than 5' : format(figure.value);
}

export const days = (n: number): string => `${n.toFixed(1)} days`;
export const percent = (share: number): string => `${Math.round(share * 100)}%`;
export const signed = (n: number): string => (n > 0 ? `+${n.toFixed(2)}` : n.toFixed(2));

/** Bars a chart can draw: suppressed ones have no height to show, the table says why. */
export function chartable<T extends { readonly label: string }>(
  rows: readonly T[],
  figure: (row: T) => Shown,
): { name: string; value: number }[] {
  return rows.flatMap((row) => {
    const f = figure(row);
    return f.suppressed ? [] : [{ name: row.label, value: f.value }];
  });
}

export const DIMENSION_LABELS = {
  'age-band': 'Age band at referral',
  sex: 'Sex',
  ethnicity: 'Ethnicity (as the GP record has it)',
  'deprivation-decile': 'Deprivation decile (IMD, 1 = most deprived)',
} as const;
