import type { Bundle, FhirResource, HumanName, Patient, ServiceRequest } from 'fhir/r4';
import { EXTENSION_URLS } from '@linkwell/profiles';
import type { FhirGateway } from './gateway';
import { requesterView, type RequesterView } from './requester';

/** What the link worker reads about the person referred: no FHIR shapes, only what a screen shows. */
export interface PatientView {
  readonly name: string;
  readonly birthDate: string | undefined;
  readonly gender: string | undefined;
  readonly nhsNumber: string | undefined;
  readonly phone: string | undefined;
  readonly email: string | undefined;
  readonly address: string | undefined;
}

/** The GP's referral as the link worker reads it. */
export interface ReferralView {
  readonly authoredOn: string | undefined;
  readonly priority: string;
  readonly needs: readonly { code: string; display: string }[];
  /** The GP's free-text context (ServiceRequest.note). */
  readonly context: string | undefined;
  readonly contactPreferences: readonly { code: string; display: string }[];
  /** Who referred: name, role and practice (read from the requester and its PractitionerRole). */
  readonly requester: RequesterView | undefined;
  /** The Referral's subject (`Patient/<id>`): the caseload shows a patient only for its own case. */
  readonly patientRef: string | undefined;
  readonly patient: PatientView | undefined;
}

const NHS_NUMBER = 'https://fhir.nhs.uk/Id/nhs-number';

export function displayName(names: readonly HumanName[] | undefined): string {
  const name = names?.find((n) => n.use === 'official') ?? names?.[0];
  if (name === undefined) return 'Name not recorded';
  if (name.text !== undefined) return name.text;
  return [...(name.given ?? []), name.family ?? ''].join(' ').trim() || 'Name not recorded';
}

export function patientView(patient: Patient): PatientView {
  const telecom = (system: string): string | undefined =>
    patient.telecom?.find((t) => t.system === system && t.value !== undefined)?.value;
  const address = patient.address?.[0];
  return {
    name: displayName(patient.name),
    birthDate: patient.birthDate,
    gender: patient.gender,
    nhsNumber: patient.identifier?.find((i) => i.system === NHS_NUMBER)?.value,
    phone: telecom('phone'),
    email: telecom('email'),
    address:
      address === undefined
        ? undefined
        : [...(address.line ?? []), address.city, address.postalCode].filter(Boolean).join(', '),
  };
}

/** The referral, its patient and who referred, as plain fields (pure: tested without a server). */
export function referralView(
  request: ServiceRequest,
  patient: Patient | undefined,
  included: ReadonlyMap<string, FhirResource> = new Map(),
): ReferralView {
  const codings = (request.reasonCode ?? []).flatMap((concept) => concept.coding ?? []);
  return {
    authoredOn: request.authoredOn,
    priority: request.priority ?? 'routine',
    needs: codings.map((c) => ({ code: c.code ?? '', display: c.display ?? c.code ?? '' })),
    context: request.note?.map((n) => n.text).join('\n') || undefined,
    contactPreferences: (request.extension ?? [])
      .filter((e) => e.url === EXTENSION_URLS.contactPreference)
      .flatMap((e) => e.valueCodeableConcept?.coding ?? [])
      .map((c) => ({ code: c.code ?? '', display: c.display ?? c.code ?? '' })),
    requester: requesterView(request.requester, included),
    patientRef: request.subject.reference,
    patient: patient === undefined ? undefined : patientView(patient),
  };
}

const CHUNK = 50;
const TTL_MS = 10 * 60_000;

/** One search per chunk: the patients, the requesters, their roles and practices. */
export const REFERRAL_INCLUDES = {
  _include: ['ServiceRequest:subject', 'ServiceRequest:requester'],
  '_include:iterate': ['PractitionerRole:practitioner', 'PractitionerRole:organization'],
  '_revinclude:iterate': 'PractitionerRole:practitioner',
} as const;

/**
 * Reads referrals with their patients and requesters from the FHIR server in chunks (one search
 * per 50, the rest by `_include`), and keeps them for a few minutes so a caseload stays quick.
 */
export class ReferralDetails {
  private readonly cache = new Map<string, { view: ReferralView; until: number }>();

  constructor(
    private readonly gateway: FhirGateway,
    private readonly now: () => number = Date.now,
  ) {}

  /** Views by ServiceRequest id; referrals the server does not return are left out. */
  async forReferrals(ids: readonly string[]): Promise<Map<string, ReferralView>> {
    const found = new Map<string, ReferralView>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const cached = this.cache.get(id);
      if (cached !== undefined && cached.until > this.now()) found.set(id, cached.view);
      else missing.push(id);
    }
    for (let start = 0; start < missing.length; start += CHUNK) {
      const chunk = missing.slice(start, start + CHUNK);
      let page: Bundle | undefined = await this.gateway.search('ServiceRequest', {
        _id: chunk.join(','),
        ...REFERRAL_INCLUDES,
        _count: String(CHUNK),
      });
      const resources: FhirResource[] = [];
      while (page !== undefined) {
        resources.push(
          ...(page.entry ?? []).flatMap((e) => (e.resource ? [e.resource as FhirResource] : [])),
        );
        page = await this.gateway.nextPage(page);
      }
      const byRef = new Map(resources.map((r) => [`${r.resourceType}/${r.id ?? ''}`, r]));
      for (const resource of resources) {
        if (resource.resourceType !== 'ServiceRequest' || resource.id === undefined) continue;
        const subject = byRef.get(resource.subject.reference ?? '');
        const patient = subject?.resourceType === 'Patient' ? subject : undefined;
        const view = referralView(resource, patient, byRef);
        this.cache.set(resource.id, { view, until: this.now() + TTL_MS });
        found.set(resource.id, view);
      }
    }
    return found;
  }
}
