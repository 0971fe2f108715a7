// The age bands the equity section, the minimum dataset and its data dictionary report: one list.

/** Each band's label and the age it ends before; the last band has no end. */
const BOUNDED_BANDS = [
  { label: 'Under 18', below: 18 },
  { label: '18-34', below: 35 },
  { label: '35-49', below: 50 },
  { label: '50-64', below: 65 },
  { label: '65-79', below: 80 },
] as const;
const LAST_BAND = '80 and over';
export const AGE_NOT_RECORDED = 'Not recorded';

/** Every value the age band takes, in order. */
export const AGE_BANDS: readonly string[] = [
  ...BOUNDED_BANDS.map((b) => b.label),
  LAST_BAND,
  AGE_NOT_RECORDED,
];

/** Age at referral as SQL over `s.birth_date` and `s.referred_at`. */
export const AGE_BAND_SQL = `CASE
  WHEN s.birth_date IS NULL THEN '${AGE_NOT_RECORDED}'
${BOUNDED_BANDS.map(
  (b) =>
    `  WHEN date_part('year', age(s.referred_at::date, s.birth_date)) < ${b.below} THEN '${b.label}'`,
).join('\n')}
  ELSE '${LAST_BAND}' END`;
