import type { Bundle, FhirResource, HealthcareService, Location } from 'fhir/r4';
import type { FhirGateway } from './gateway';

/** A community service as the link worker picks it: name, what it offers, where. */
export interface CommunityService {
  readonly id: string;
  readonly name: string;
  readonly offers: string | undefined;
  readonly category: string | undefined;
  readonly where: string | undefined;
}

/** Plain fields from a HealthcareService and its Locations (pure). */
export function communityService(
  service: HealthcareService,
  locations: ReadonlyMap<string, Location>,
): CommunityService {
  const where = (service.location ?? [])
    .map((ref) => locations.get(ref.reference ?? ''))
    .flatMap((location) => (location === undefined ? [] : [location]))
    .map((location) =>
      [location.name, ...(location.address?.line ?? []), location.address?.city]
        .filter(Boolean)
        .join(', '),
    );
  return {
    id: service.id ?? '',
    name: service.name ?? 'Unnamed service',
    offers: service.comment ?? service.extraDetails,
    category: service.category?.[0]?.text ?? service.type?.[0]?.text,
    where: where.length === 0 ? undefined : where.join('; '),
  };
}

const TTL_MS = 5 * 60_000;

/** The community-service directory from the FHIR server, read once every few minutes. */
export class ServiceDirectory {
  private cached: { services: CommunityService[]; until: number } | undefined;

  constructor(
    private readonly gateway: FhirGateway,
    private readonly now: () => number = Date.now,
  ) {}

  async list(): Promise<CommunityService[]> {
    if (this.cached !== undefined && this.cached.until > this.now()) return this.cached.services;
    const resources: FhirResource[] = [];
    let page: Bundle | undefined = await this.gateway.search('HealthcareService', {
      active: 'true',
      _include: 'HealthcareService:location',
      _count: '200',
    });
    while (page !== undefined) {
      resources.push(
        ...(page.entry ?? []).flatMap((e) => (e.resource ? [e.resource as FhirResource] : [])),
      );
      page = await this.gateway.nextPage(page);
    }
    const locations = new Map(
      resources.flatMap((r) =>
        r.resourceType === 'Location' ? [[`Location/${r.id ?? ''}`, r] as const] : [],
      ),
    );
    const services = resources
      .flatMap((r) =>
        r.resourceType === 'HealthcareService' ? [communityService(r, locations)] : [],
      )
      .sort((a, b) => a.name.localeCompare(b.name));
    this.cached = { services, until: this.now() + TTL_MS };
    return services;
  }
}
