import type { Bundle, Encounter, Patient } from 'fhir/r4';
import { V3_ACT_CODE } from '@linkwell/profiles';
import type { Database } from '../db/database';
import type { FhirGateway } from '../fhir/gateway';
import { CONSENTED_CASE_SQL, REFERRAL_DAY_SQL } from './healthcare-use-queries';

/**
 * The demo's healthcare use: the demo's made-up cases have no EHR record, so the demo writes a
 * made-up Patient and made-up Encounters for each into the EHR's FHIR server (HAPI directly, as
 * `npm start` sets ADAPTER_DEMO_FHIR_BASE), tagged so the sandbox's launch page leaves them out.
 * Rates are invented, a little lower after referral; they show the section working, nothing more.
 */
export const DEMO_DATA_TAG = {
  system: 'https://linkwell.example.org/fhir/sid/demo-data',
  code: 'synthetic-healthcare-use',
  display: 'Made-up demo data (healthcare use before and after referral)',
} as const;

const SCT = 'http://snomed.info/sct';
const DAY = 86_400_000;

// [class, SNOMED type, its display, contacts per person-month before, after]
const KINDS: readonly (readonly [string, string | undefined, string, number, number])[] = [
  ['AMB', '185349003', 'Encounter for check up', 0.35, 0.28],
  ['VR', '185317003', 'Telephone encounter', 0.2, 0.15],
  ['AMB', undefined, 'Outpatient clinic (no type: not counted)', 0.08, 0.08],
  ['EMER', '50849002', 'Emergency room admission', 0.07, 0.05],
  ['IMP', '32485007', 'Hospital admission', 0.03, 0.025],
];

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Poisson draw (Knuth's method; small rates only). */
function poisson(next: () => number, rate: number): number {
  const limit = Math.exp(-rate);
  let k = 0;
  for (let p = next(); p > limit; p *= next()) k += 1;
  return k;
}

/** A made-up Patient and their Encounters from a year before the referral to a year after (or now). */
export function demoEncounters(
  patientId: string,
  referralDay: string,
  now: Date,
  seed: number,
): { patient: Patient; encounters: Encounter[] } {
  const next = random(seed);
  const referral = Date.parse(`${referralDay}T00:00:00Z`);
  const meta = { tag: [DEMO_DATA_TAG] };
  const encounters: Encounter[] = [];
  for (let month = -12; month < 12; month += 1) {
    KINDS.forEach(([cls, type, display, before, after], kind) => {
      const count = poisson(next, month < 0 ? before : after);
      for (let i = 0; i < count; i += 1) {
        const start = referral + (month * 30.44 + 1 + next() * 29) * DAY + 9 * 3_600_000;
        if (start > now.getTime()) continue;
        encounters.push({
          resourceType: 'Encounter',
          id: `${patientId}-m${month + 12}k${kind}n${i}`,
          meta,
          status: 'finished',
          class: { system: V3_ACT_CODE, code: cls },
          ...(type === undefined
            ? {}
            : { type: [{ coding: [{ system: SCT, code: type, display }] }] }),
          subject: { reference: `Patient/${patientId}` },
          period: {
            start: new Date(start).toISOString(),
            end: new Date(start + (cls === 'IMP' ? 3 * DAY : 1_800_000)).toISOString(),
          },
        });
      }
    });
  }
  return {
    patient: {
      resourceType: 'Patient',
      id: patientId,
      meta,
      name: [{ text: `Demo person ${patientId}` }],
    },
    encounters,
  };
}

const MARKER = 'insights.demo-encounters';

/**
 * Writes the demo's made-up Patients and Encounters for the consented demo cases once (PUT by id,
 * so a repeat changes nothing), in transactions of about 500 resources.
 */
export async function seedDemoEncounters(
  db: Database,
  fhir: FhirGateway,
  options: { serviceOrg: string; now?: Date },
): Promise<number> {
  const done = await db.query('SELECT 1 FROM sync_state WHERE key = $1', [MARKER]);
  if (done.length > 0) return 0;
  const cases = await db.query<{ patient_ref: string; day: string }>(
    `SELECT c.patient_ref, to_char(min(${REFERRAL_DAY_SQL}), 'YYYY-MM-DD') AS day
     FROM cases c LEFT JOIN case_facts f ON f.case_id = c.id
     WHERE c.service_org = $1 AND c.id LIKE 'demo-%' AND ${CONSENTED_CASE_SQL}
     GROUP BY c.patient_ref ORDER BY c.patient_ref`,
    [options.serviceOrg],
  );
  const now = options.now ?? new Date();
  let entries: NonNullable<Bundle['entry']> = [];
  let written = 0;
  const flush = async (): Promise<void> => {
    if (entries.length === 0) return;
    await fhir.transaction({ resourceType: 'Bundle', type: 'transaction', entry: entries });
    entries = [];
  };
  for (const [index, c] of cases.entries()) {
    const id = c.patient_ref.replace(/^Patient\//, '');
    const { patient, encounters } = demoEncounters(id, c.day, now, 1000 + index);
    for (const resource of [patient, ...encounters]) {
      entries.push({
        resource,
        request: { method: 'PUT', url: `${resource.resourceType}/${resource.id ?? ''}` },
      });
    }
    written += encounters.length;
    if (entries.length >= 500) await flush();
  }
  await flush();
  await db.query(
    `INSERT INTO sync_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`,
    [MARKER, new Date().toISOString()],
  );
  return written;
}
