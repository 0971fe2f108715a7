import type { Bundle, FhirResource, Patient } from 'fhir/r4';
import type { Database, Queryable } from '../db/database';
import type { FhirGateway } from '../fhir/gateway';
import { REFERRAL_INCLUDES, referralView } from '../fhir/referral-details';

/** What the figures need to know of a case from the EHR: no names, no identifiers. */
export interface CaseFacts {
  readonly caseId: string;
  readonly referredAt: string | undefined;
  readonly practice: string | undefined;
  readonly needs: readonly string[];
  readonly birthDate: string | undefined;
  readonly sex: string | undefined;
  readonly ethnicity: string | undefined;
  /** Normalised (upper case, no spaces) to match the deprivation lookup. */
  readonly postcode: string | undefined;
}

// Ethnic category as the EHR carries it: UK Core's extension (NHS Data Dictionary categories),
// else US Core's (Synthea records), its text part.
const UK_CORE_ETHNICITY =
  'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory';
const US_CORE_ETHNICITY = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity';

export function ethnicityOf(patient: Patient): string | undefined {
  for (const extension of patient.extension ?? []) {
    if (extension.url === UK_CORE_ETHNICITY) {
      const concept = extension.valueCodeableConcept;
      const text = concept?.coding?.[0]?.display ?? concept?.text;
      if (text !== undefined) return text;
    }
    if (extension.url === US_CORE_ETHNICITY) {
      const text = extension.extension?.find((e) => e.url === 'text')?.valueString;
      if (text !== undefined) return text;
    }
  }
  return undefined;
}

export const normalisePostcode = (postcode: string): string =>
  postcode.replace(/\s+/g, '').toUpperCase();

/** The facts of one referral and its patient (pure). */
export function caseFactsFrom(
  caseId: string,
  referral: Parameters<typeof referralView>[0],
  patient: Patient | undefined,
  included: ReadonlyMap<string, FhirResource>,
): CaseFacts {
  const view = referralView(referral, patient, included);
  const postcode = patient?.address?.find((a) => a.postalCode !== undefined)?.postalCode;
  return {
    caseId,
    referredAt: view.authoredOn,
    practice: view.requester?.practice,
    needs: [...new Set(view.needs.map((n) => n.code).filter((c) => c !== ''))],
    birthDate: patient?.birthDate,
    sex: patient?.gender,
    ethnicity: patient === undefined ? undefined : ethnicityOf(patient),
    postcode: postcode === undefined ? undefined : normalisePostcode(postcode),
  };
}

/** Writes (or replaces) the facts of cases. */
export async function saveFacts(db: Queryable, facts: readonly CaseFacts[]): Promise<void> {
  for (const f of facts) {
    await db.query(
      `INSERT INTO case_facts (case_id, referred_at, practice, needs, birth_date, sex, ethnicity,
         postcode, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
       ON CONFLICT (case_id) DO UPDATE SET referred_at = EXCLUDED.referred_at,
         practice = EXCLUDED.practice, needs = EXCLUDED.needs, birth_date = EXCLUDED.birth_date,
         sex = EXCLUDED.sex, ethnicity = EXCLUDED.ethnicity, postcode = EXCLUDED.postcode,
         updated_at = now()`,
      [
        f.caseId,
        f.referredAt ?? null,
        f.practice ?? null,
        [...f.needs],
        f.birthDate ?? null,
        f.sex ?? null,
        f.ethnicity ?? null,
        f.postcode ?? null,
      ],
    );
  }
}

const CHUNK = 50;

/**
 * Reads the facts of cases that have none yet from the EHR (one search per 50 referrals, with
 * their patients and requesters by `_include`) and keeps them in the store, so the figures are SQL
 * over the store alone. A referral the server no longer returns is left for the next run. With
 * `endpoint`, only that EHR endpoint's cases (referral ids are per server).
 */
export async function fillCaseFacts(
  db: Database,
  gateway: FhirGateway,
  endpoint?: string,
): Promise<number> {
  const missing = await db.query<{ id: string; referral_ref: string }>(
    `SELECT c.id, c.referral_ref FROM cases c LEFT JOIN case_facts f ON f.case_id = c.id
     WHERE f.case_id IS NULL AND ($1::text IS NULL OR c.endpoint = $1)
     ORDER BY c.received_at LIMIT 500`,
    [endpoint ?? null],
  );
  let filled = 0;
  for (let start = 0; start < missing.length; start += CHUNK) {
    const chunk = missing.slice(start, start + CHUNK);
    const ids = chunk.map((c) => c.referral_ref.replace(/^ServiceRequest\//, ''));
    const resources: FhirResource[] = [];
    let page: Bundle | undefined = await gateway.search('ServiceRequest', {
      _id: ids.join(','),
      ...REFERRAL_INCLUDES,
      _count: String(CHUNK),
    });
    while (page !== undefined) {
      resources.push(
        ...(page.entry ?? []).flatMap((e) => (e.resource ? [e.resource as FhirResource] : [])),
      );
      page = await gateway.nextPage(page);
    }
    const byRef = new Map(resources.map((r) => [`${r.resourceType}/${r.id ?? ''}`, r]));
    const facts: CaseFacts[] = [];
    for (const c of chunk) {
      const referral = byRef.get(c.referral_ref);
      if (referral?.resourceType !== 'ServiceRequest') continue;
      const subject = byRef.get(referral.subject.reference ?? '');
      facts.push(
        caseFactsFrom(
          c.id,
          referral,
          subject?.resourceType === 'Patient' ? subject : undefined,
          byRef,
        ),
      );
    }
    await saveFacts(db, facts);
    filled += facts.length;
  }
  return filled;
}
