import type { Organization, PractitionerRole } from 'fhir/r4';
import type { Requester } from '@linkwell/profiles';
import { idFrom, localReference } from '../fhir/references';

/** A link-worker service the GP can refer to. */
export interface ServiceOption {
  /** `Organization/<id>`. */
  readonly reference: string;
  readonly name: string;
}

const LINK_WORKER = /social prescrib|link[- ]?work|community link/i;

/**
 * The link-worker services on offer: organisations other than the GP's own practice, narrowed to
 * those that name themselves social prescribing or link services when there are any.
 */
export function linkWorkerServices(
  organizations: readonly Organization[],
  roles: readonly PractitionerRole[],
): ServiceOption[] {
  const practices = new Set(roles.map((role) => idFrom(role.organization, 'Organization')));
  const candidates = organizations
    .filter((org) => org.id !== undefined && !practices.has(org.id) && org.active !== false)
    .map((org) => ({ reference: `Organization/${org.id ?? ''}`, name: org.name ?? org.id ?? '' }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const named = candidates.filter((option) => LINK_WORKER.test(option.name));
  return named.length > 0 ? named : candidates;
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
