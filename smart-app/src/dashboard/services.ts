import type { Organization, PractitionerRole } from 'fhir/r4';
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
