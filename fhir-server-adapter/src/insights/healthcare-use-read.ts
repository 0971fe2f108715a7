import type { Bundle, Encounter } from 'fhir/r4';
import { encounterSetting, V3_ACT_CODE, type EncounterSetting } from '@linkwell/profiles';
import type { Queryable } from '../db/database';
import type { FhirGateway } from '../fhir/gateway';
import { saveWindowCounts } from './healthcare-use-counts';

/** One Encounter as the store keeps it: the day it started and how it counts, nothing else. */
export interface EncounterRow {
  readonly patientRef: string;
  readonly encounterId: string;
  /** YYYY-MM-DD (UTC) of period.start, else period.end. */
  readonly startDay: string;
  readonly setting: EncounterSetting;
  readonly classCode: string | undefined;
  readonly typeCodes: readonly string[];
}

/** A patient to read, from `from` (12 months before their earliest referral) to today. */
export interface PatientToRead {
  readonly patientRef: string;
  readonly from: string;
}

/** Patients per search: `patient=a,b,...` keeps the URL short and the pages few. */
export const PATIENTS_PER_SEARCH = 50;
const PAGE_SIZE = 200;
// What classification needs; `_elements` keeps the pages small (HAPI adds the mandatory ones).
const ELEMENTS = 'status,class,type,period,subject';

const dayOf = (value: string | undefined): string | undefined => {
  if (value === undefined) return undefined;
  // A date alone is that day; a dateTime is read as an instant and given its UTC day.
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString().slice(0, 10);
};

/** The store's row for an Encounter (pure); undefined when it has no id, subject or date. */
export function encounterRow(encounter: Encounter): EncounterRow | undefined {
  const patientRef = encounter.subject?.reference;
  const startDay = dayOf(encounter.period?.start ?? encounter.period?.end);
  if (encounter.id === undefined || patientRef === undefined || startDay === undefined) {
    return undefined;
  }
  return {
    patientRef,
    encounterId: encounter.id,
    startDay,
    setting: encounterSetting(encounter).setting,
    classCode: encounter.class.system === V3_ACT_CODE ? encounter.class.code : undefined,
    typeCodes: (encounter.type ?? []).flatMap((t) =>
      (t.coding ?? []).flatMap((c) => (c.code === undefined ? [] : [c.code])),
    ),
  };
}

/**
 * The Encounters of up to PATIENTS_PER_SEARCH patients since the earliest `from` among them: one
 * search (`patient` and `date`), its pages followed; each patient's own `from` applied after.
 */
export async function readEncounters(
  gateway: FhirGateway,
  patients: readonly PatientToRead[],
  today: string,
): Promise<EncounterRow[]> {
  if (patients.length === 0) return [];
  const from = patients.map((p) => p.from).reduce((a, b) => (a < b ? a : b));
  const since = new Map(patients.map((p) => [p.patientRef, p.from]));
  const rows: EncounterRow[] = [];
  let page: Bundle | undefined = await gateway.search('Encounter', {
    patient: patients.map((p) => p.patientRef).join(','),
    date: `ge${from}`,
    _elements: ELEMENTS,
    _count: String(PAGE_SIZE),
  });
  while (page !== undefined) {
    for (const entry of page.entry ?? []) {
      const resource = entry.resource as Encounter | undefined;
      if (resource?.resourceType !== 'Encounter') continue;
      const row = encounterRow(resource);
      const own = row === undefined ? undefined : since.get(row.patientRef);
      if (row !== undefined && own !== undefined && row.startDay >= own && row.startDay <= today) {
        rows.push(row);
      }
    }
    page = await gateway.nextPage(page);
  }
  return rows;
}

/**
 * Replaces what the store holds of these patients' Encounters with what was read, and their
 * counts around each referral (one transaction).
 */
export async function saveEncounters(
  tx: Queryable,
  /** The EHR endpoint they were read from: Patient ids are per server. */
  endpoint: string,
  patients: readonly PatientToRead[],
  rows: readonly EncounterRow[],
  today: string,
): Promise<void> {
  const refs = patients.map((p) => p.patientRef);
  await tx.query(
    'DELETE FROM patient_encounters WHERE endpoint = $2 AND patient_ref = ANY($1::text[])',
    [refs, endpoint],
  );
  if (rows.length > 0) {
    await tx.query(
      `INSERT INTO patient_encounters (endpoint, patient_ref, encounter_id, start_day, setting,
         class_code, type_codes)
       SELECT $7, p, e, d, s, c, string_to_array(t, ' ')
       FROM unnest($1::text[], $2::text[], $3::date[], $4::text[], $5::text[], $6::text[])
         AS u(p, e, d, s, c, t)
       ON CONFLICT (endpoint, patient_ref, encounter_id) DO NOTHING`,
      [
        rows.map((r) => r.patientRef),
        rows.map((r) => r.encounterId),
        rows.map((r) => r.startDay),
        rows.map((r) => r.setting),
        rows.map((r) => r.classCode ?? null),
        rows.map((r) => r.typeCodes.join(' ')),
        endpoint,
      ],
    );
  }
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.patientRef, (counts.get(r.patientRef) ?? 0) + 1);
  await tx.query(
    `INSERT INTO encounter_reads (endpoint, patient_ref, read_from, read_through, encounters,
       read_at)
     SELECT $5, p, f, $3::date, n, now()
     FROM unnest($1::text[], $2::date[], $4::integer[]) AS u(p, f, n)
     ON CONFLICT (endpoint, patient_ref) DO UPDATE SET read_from = EXCLUDED.read_from,
       read_through = EXCLUDED.read_through, encounters = EXCLUDED.encounters,
       read_at = EXCLUDED.read_at`,
    [
      refs,
      patients.map((p) => p.from),
      today,
      patients.map((p) => counts.get(p.patientRef) ?? 0),
      endpoint,
    ],
  );
  await saveWindowCounts(tx, endpoint, refs);
}
