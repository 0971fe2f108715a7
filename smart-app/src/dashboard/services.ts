import type { Organization, OrganizationAffiliation, PractitionerRole } from 'fhir/r4';
import type { Requester } from '@linkwell/profiles';
import { idFrom, localReference } from '../fhir/references';

/** A link-worker service the GP can refer to. */
export interface ServiceOption {
  /** `Organization/<id>`. */
  readonly reference: string;
  readonly name: string;
}

/**
 * The link-worker services on offer: the Organizations typed as link-worker services (the batch
 * searches by LINK_WORKER_SERVICE_TYPE), other than the GP's own practice, by name.
 */
export function linkWorkerServices(
  organizations: readonly Organization[],
  roles: readonly PractitionerRole[],
): ServiceOption[] {
  const practices = new Set(roles.map((role) => idFrom(role.organization, 'Organization')));
  return organizations
    .filter((org) => org.id !== undefined && !practices.has(org.id) && org.active !== false)
    .map((org) => ({ reference: `Organization/${org.id ?? ''}`, name: org.name ?? org.id ?? '' }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The service the practice is set up to refer to (an active OrganizationAffiliation: organization =
 * the link-worker service, participatingOrganization = the GP's practice), when there is exactly
 * one on offer; otherwise none, so the GP must choose. Never simply the first by name.
 */
export function configuredService(
  services: readonly ServiceOption[],
  affiliations: readonly OrganizationAffiliation[],
  roles: readonly PractitionerRole[],
): string | undefined {
  const practices = new Set(roles.map((role) => idFrom(role.organization, 'Organization')));
  const offered = new Set(services.map((s) => s.reference));
  const configured = new Set(
    affiliations
      .filter((a) => a.active !== false)
      .filter((a) => practices.has(idFrom(a.participatingOrganization, 'Organization')))
      .map((a) => `Organization/${idFrom(a.organization, 'Organization') ?? ''}`)
      .filter((reference) => offered.has(reference)),
  );
  return configured.size === 1 ? [...configured][0] : undefined;
}

/** Who signs the referral: the GP's role at the practice, else the GP (fhirUser). */
export function requesterOf(
  fhirUser: string | null | undefined,
  roles: readonly PractitionerRole[],
): Requester | undefined {
  const role = roles.find((r) => r.id !== undefined && r.active !== false);
  if (role?.id !== undefined) return `PractitionerRole/${role.id}`;
  const user = localReference(fhirUser);
  return user?.startsWith('Practitioner/') === true ? (user as Requester) : undefined;
}
