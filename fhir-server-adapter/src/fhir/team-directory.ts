import type { Bundle, FhirResource, Practitioner, PractitionerRole } from 'fhir/r4';
import { SERVICE_MANAGER_ROLE } from '@linkwell/profiles';
import type { FhirGateway } from './gateway';
import { personName } from './requester';

/** A link worker of the service, as the app lists them. */
export interface TeamMember {
  readonly practitioner: `Practitioner/${string}`;
  readonly name: string;
  /** An active role of theirs at the service is coded as its manager (SERVICE_MANAGER_ROLE). */
  readonly manager: boolean;
}

const managesService = (role: PractitionerRole): boolean =>
  (role.code ?? []).some((concept) =>
    (concept.coding ?? []).some(
      (c) => c.system === SERVICE_MANAGER_ROLE.system && c.code === SERVICE_MANAGER_ROLE.code,
    ),
  );

const TTL_MS = 30_000;

/** The team from one page of roles: active PractitionerRoles at the service, with their names. */
export function teamFrom(resources: readonly FhirResource[], serviceOrg: string): TeamMember[] {
  const practitioners = new Map(
    resources.flatMap((r): [string, Practitioner][] =>
      r.resourceType === 'Practitioner' ? [[`Practitioner/${r.id ?? ''}`, r]] : [],
    ),
  );
  const members = new Map<string, TeamMember>();
  for (const role of resources) {
    if (role.resourceType !== 'PractitionerRole') continue;
    const ref = role.practitioner?.reference;
    if (
      role.active === false ||
      role.organization?.reference !== `Organization/${serviceOrg}` ||
      ref === undefined ||
      !/^Practitioner\/[A-Za-z0-9\-.]{1,64}$/.test(ref)
    ) {
      continue;
    }
    const known = members.get(ref);
    if (known !== undefined) {
      // A second active role at the service may be the one that makes them its manager.
      if (managesService(role)) members.set(ref, { ...known, manager: true });
      continue;
    }
    const name =
      personName(practitioners.get(ref)?.name) ?? role.practitioner?.display ?? 'Name not recorded';
    members.set(ref, {
      practitioner: ref as TeamMember['practitioner'],
      name,
      manager: managesService(role),
    });
  }
  return [...members.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The service's link workers (PractitionerRole at the service → Practitioner names), read from
 * the FHIR server and kept for half a minute.
 */
export class TeamDirectory {
  private cached: { members: TeamMember[]; until: number } | undefined;
  private reading: Promise<TeamMember[]> | undefined;
  /** Names of practitioners outside the team (e.g. who accepted a case before leaving). */
  private readonly others = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly gateway: FhirGateway,
    private readonly serviceOrg: string,
    private readonly now: () => number = Date.now,
  ) {}

  async members(): Promise<TeamMember[]> {
    if (this.cached !== undefined && this.cached.until > this.now()) return this.cached.members;
    this.reading ??= this.read().finally(() => (this.reading = undefined));
    return this.reading;
  }

  /** Whether the practitioner manages the service (an active manager role there). */
  async isManager(practitioner: string): Promise<boolean> {
    return (await this.members()).some((m) => m.practitioner === practitioner && m.manager);
  }

  /** A practitioner's name: a member's from the team, anyone else's read once (a former member). */
  async nameOf(practitioner: string | undefined): Promise<string | undefined> {
    if (practitioner === undefined) return undefined;
    const member = (await this.members()).find((m) => m.practitioner === practitioner);
    if (member !== undefined) return member.name;
    const id = /^Practitioner\/([A-Za-z0-9\-.]{1,64})$/.exec(practitioner)?.[1];
    if (id === undefined) return undefined;
    if (!this.others.has(id)) {
      this.others.set(
        id,
        this.gateway.read<Practitioner>('Practitioner', id).then(
          (found) => personName(found.name),
          () => {
            this.others.delete(id);
            return undefined;
          },
        ),
      );
    }
    return this.others.get(id);
  }

  private async read(): Promise<TeamMember[]> {
    const resources: FhirResource[] = [];
    let page: Bundle | undefined = await this.gateway.search('PractitionerRole', {
      organization: `Organization/${this.serviceOrg}`,
      _include: 'PractitionerRole:practitioner',
      _count: '100',
    });
    while (page !== undefined) {
      resources.push(
        ...(page.entry ?? []).flatMap((e) => (e.resource ? [e.resource as FhirResource] : [])),
      );
      page = await this.gateway.nextPage(page);
    }
    const members = teamFrom(resources, this.serviceOrg);
    this.cached = { members, until: this.now() + TTL_MS };
    return members;
  }
}
