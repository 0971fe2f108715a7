import type { ContactPoint, HumanName, Organization, Practitioner } from 'fhir/r4';
import type { FhirGateway } from '../fhir/gateway';
import { FhirGatewayError } from '../fhir/gateway';
import type { NameLookup } from '../store/sync-store';

/** The link-worker service as the closing summary names it. */
export interface ServiceInfo {
  readonly reference: `Organization/${string}`;
  readonly name: string;
  /** Phone and email, as the letter prints them. */
  readonly contact: string | undefined;
}

const TTL_MS = 10 * 60_000;
const UNKNOWN_PERSON = 'Link worker (name not on record)';

/** "Dr Aisha Begum" from a Practitioner's first usable name. */
export function personName(names: readonly HumanName[] | undefined): string | undefined {
  for (const name of names ?? []) {
    const text =
      name.text?.trim() ||
      [...(name.prefix ?? []), ...(name.given ?? []), name.family ?? ''].join(' ').trim();
    if (text !== '') return text;
  }
  return undefined;
}

function contactOf(telecom: readonly ContactPoint[] | undefined): string | undefined {
  const parts = (telecom ?? [])
    .filter((t) => (t.system === 'phone' || t.system === 'email') && t.value !== undefined)
    .map((t) => String(t.value));
  return parts.length === 0 ? undefined : parts.join(', ');
}

/**
 * Names from the EHR, cached: the mappers stay pure, so PLAN is handed the link worker's and the
 * service's names. A name the EHR does not have reads as a placeholder; an unreachable EHR throws
 * (the run stalls and tries again) rather than writing a placeholder that would stick.
 */
export class DirectoryNames implements NameLookup {
  private readonly people = new Map<string, { name: string | undefined; until: number }>();
  private readonly services = new Map<string, { info: ServiceInfo; until: number }>();

  constructor(
    private readonly gateway: FhirGateway,
    private readonly now: () => number = Date.now,
  ) {}

  async nameOf(reference: string): Promise<string | undefined> {
    const cached = this.people.get(reference);
    if (cached !== undefined && cached.until > this.now()) return cached.name;
    const id = /^Practitioner\/([A-Za-z0-9\-.]{1,64})$/.exec(reference)?.[1];
    let name: string | undefined;
    if (id !== undefined) {
      try {
        name = personName((await this.gateway.read<Practitioner>('Practitioner', id)).name);
      } catch (error) {
        if (!(error instanceof FhirGatewayError) || error.retryable) throw error;
      }
    }
    this.people.set(reference, { name, until: this.now() + TTL_MS });
    return name;
  }

  async personName(reference: string): Promise<string> {
    return (await this.nameOf(reference)) ?? UNKNOWN_PERSON;
  }

  async service(orgId: string): Promise<ServiceInfo> {
    const cached = this.services.get(orgId);
    if (cached !== undefined && cached.until > this.now()) return cached.info;
    let org: Organization | undefined;
    try {
      org = await this.gateway.read<Organization>('Organization', orgId);
    } catch (error) {
      if (!(error instanceof FhirGatewayError) || error.retryable) throw error;
    }
    const info: ServiceInfo = {
      reference: `Organization/${orgId}`,
      name: org?.name ?? 'The link-worker service',
      contact: contactOf(org?.telecom),
    };
    this.services.set(orgId, { info, until: this.now() + TTL_MS });
    return info;
  }
}
