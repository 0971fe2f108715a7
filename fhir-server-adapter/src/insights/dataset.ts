import { REPORTED_MEASURES } from './measures';
import { AGE_BANDS } from './age-bands';

/** One column of the minimum dataset, as the data dictionary describes it. */
export interface DatasetColumn {
  readonly name: string;
  readonly type: 'string' | 'integer' | 'decimal' | 'date' | 'month' | 'code' | 'list';
  readonly description: string;
  /** The codes a `code` column takes. */
  readonly values?: readonly string[];
  /** In the research extract too (false: the service's own exports only). */
  readonly research: boolean;
}

export type DatasetRow = Record<string, string | number | null>;

const measureColumns: DatasetColumn[] = REPORTED_MEASURES.flatMap((m) => [
  {
    name: `${m.key}_baseline`,
    type: 'decimal',
    description: `${m.label}: the first baseline score.`,
    research: true,
  },
  {
    name: `${m.key}_follow_up`,
    type: 'decimal',
    description: `${m.label}: the latest follow-up score.`,
    research: true,
  },
  {
    name: `${m.key}_baseline_date`,
    type: 'date',
    description: `${m.label}: when the baseline was answered.`,
    research: false,
  },
  {
    name: `${m.key}_follow_up_date`,
    type: 'date',
    description: `${m.label}: when the latest follow-up was answered.`,
    research: false,
  },
  {
    name: `${m.key}_change`,
    type: 'decimal',
    description: `${m.label}: follow-up minus baseline (${m.higherIsBetter ? 'higher' : 'lower'} is better).`,
    research: true,
  },
]);

/** The minimum dataset per case: one row per referral the service received. */
export const DATASET_COLUMNS: readonly DatasetColumn[] = [
  {
    name: 'case_id',
    type: 'string',
    description: "The service's case identifier.",
    research: false,
  },
  {
    name: 'patient_reference',
    type: 'string',
    description:
      'The patient in the GP record (Patient/<id> on the EHR); empty for someone not registered there.',
    research: false,
  },
  {
    name: 'referral_reference',
    type: 'string',
    description:
      'The referral on the EHR (ServiceRequest/<id>); empty for a case that lives only in the service.',
    research: false,
  },
  {
    name: 'link_worker',
    type: 'string',
    description: 'The link worker holding the case (Practitioner/<id>).',
    research: false,
  },
  {
    name: 'person_pseudonym',
    type: 'string',
    description:
      "HMAC-SHA256 of the patient reference under the service secret (hex): the same person has the same pseudonym in every extract of this service, and it cannot be reversed without the secret. The research extract holds only people who agreed to their de-identified information being used for research and service evaluation (the Consent's research permission, purpose HRESCH) and whose consent to share is still in force; the service's own exports hold every case.",
    research: true,
  },
  {
    name: 'referral_date',
    type: 'date',
    description: 'When the GP made the referral.',
    research: false,
  },
  {
    name: 'referral_month',
    type: 'month',
    description: 'Month of the referral (YYYY-MM).',
    research: true,
  },
  { name: 'practice', type: 'string', description: 'The referring practice.', research: true },
  {
    name: 'needs',
    type: 'list',
    description: 'Needs named in the referral, social needs codes separated by ";".',
    research: true,
  },
  {
    name: 'age_band',
    type: 'code',
    description: 'Age at referral.',
    values: AGE_BANDS,
    research: true,
  },
  {
    name: 'sex',
    type: 'code',
    description: 'Administrative gender from the Patient record.',
    values: ['female', 'male', 'other', 'unknown', 'not recorded'],
    research: true,
  },
  {
    name: 'ethnicity',
    type: 'string',
    description: 'Ethnic category from the Patient record, where recorded.',
    research: true,
  },
  {
    name: 'imd_decile',
    type: 'integer',
    description:
      'Index of Multiple Deprivation decile of the home postcode (1 most deprived), from the loaded lookup.',
    research: true,
  },
  {
    name: 'outcome',
    type: 'code',
    description: 'How the referral stands.',
    values: ['accepted', 'declined', 'did-not-engage', 'awaiting-decision'],
    research: true,
  },
  { name: 'status', type: 'string', description: 'The referral Task status.', research: true },
  {
    name: 'status_reason',
    type: 'string',
    description: 'Why it was declined, cancelled or failed.',
    research: true,
  },
  {
    name: 'days_to_first_contact',
    type: 'decimal',
    description: 'Days from referral to the first contact that reached the person.',
    research: true,
  },
  {
    name: 'days_to_first_meeting',
    type: 'decimal',
    description:
      'Days from referral to the first meeting (in person, or the first-meeting status).',
    research: true,
  },
  {
    name: 'contacts',
    type: 'integer',
    description: 'Contacts that reached the person.',
    research: true,
  },
  { name: 'meetings', type: 'integer', description: 'Of those, in person.', research: true },
  { name: 'goals', type: 'integer', description: 'Goals agreed.', research: true },
  {
    name: 'onward_referrals',
    type: 'integer',
    description: 'Onward referrals to community services.',
    research: true,
  },
  {
    name: 'onward_completed',
    type: 'integer',
    description: 'Of those, completed.',
    research: true,
  },
  { name: 'closed_date', type: 'date', description: 'When the case closed.', research: false },
  ...measureColumns,
];

export const RESEARCH_COLUMNS = DATASET_COLUMNS.filter((c) => c.research);
export const SERVICE_COLUMNS = DATASET_COLUMNS.filter((c) => c.name !== 'person_pseudonym');

const csvCell = (value: string | number | null | undefined): string => {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // Quote what needs it, and defuse spreadsheet formulas (a cell starting = + - @).
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export const csvHeader = (columns: readonly DatasetColumn[]): string =>
  `${columns.map((c) => c.name).join(',')}\r\n`;
export const csvLine = (columns: readonly DatasetColumn[], row: DatasetRow): string =>
  `${columns.map((c) => csvCell(row[c.name])).join(',')}\r\n`;

/** The data dictionary as CSV: column, type, description, allowed values, in the research extract. */
export function dataDictionaryCsv(columns: readonly DatasetColumn[] = DATASET_COLUMNS): string {
  return [
    'column,type,description,values,in_research_extract\r\n',
    ...columns.map(
      (c) =>
        `${[c.name, c.type, c.description, (c.values ?? []).join(';'), c.research ? 'yes' : 'no'].map(csvCell).join(',')}\r\n`,
    ),
  ].join('');
}
