import type {
  CodeableConcept,
  FhirResource,
  HumanName,
  Organization,
  Practitioner,
  PractitionerRole,
  Reference,
} from 'fhir/r4';

/** Who referred, as the link worker reads it. */
export interface RequesterView {
  readonly name: string;
  /** What they do at the practice ("General practitioner"), from their PractitionerRole. */
  readonly role: string | undefined;
  /** The practice (the PractitionerRole's Organization). */
  readonly practice: string | undefined;
}

/** A person's name for a screen: the official one, else the first; prefix kept ("Dr"). */
export function personName(names: readonly HumanName[] | undefined): string | undefined {
  const name = names?.find((n) => n.use === 'official') ?? names?.[0];
  if (name === undefined) return undefined;
  if (name.text !== undefined && name.text.trim() !== '') return name.text.trim();
  const text = [...(name.prefix ?? []), ...(name.given ?? []), name.family ?? ''].join(' ').trim();
  return text === '' ? undefined : text;
}

const conceptText = (concepts: readonly CodeableConcept[] | undefined): string | undefined => {
  const concept = concepts?.[0];
  return concept?.text ?? concept?.coding?.find((c) => c.display !== undefined)?.display;
};

function lookup<T extends FhirResource>(
  included: ReadonlyMap<string, FhirResource>,
  type: T['resourceType'],
  reference: string | undefined,
): T | undefined {
  const found = reference === undefined ? undefined : included.get(reference);
  return found?.resourceType === type ? (found as T) : undefined;
}

function fromRole(
  role: PractitionerRole,
  included: ReadonlyMap<string, FhirResource>,
  fallbackName: string | undefined,
): RequesterView | undefined {
  const practitioner = lookup<Practitioner>(included, 'Practitioner', role.practitioner?.reference);
  const practice = lookup<Organization>(included, 'Organization', role.organization?.reference);
  const name = personName(practitioner?.name) ?? role.practitioner?.display ?? fallbackName;
  if (name === undefined) return undefined;
  return {
    name,
    role: conceptText(role.code),
    practice: practice?.name ?? role.organization?.display,
  };
}

/**
 * The Referral's requester as name, role and practice, from what the search included: a
 * PractitionerRole (with its Practitioner and Organization), a Practitioner (with a PractitionerRole
 * of theirs, found by `_revinclude`), or an Organization. Undefined when nothing names them.
 */
export function requesterView(
  requester: Reference | undefined,
  included: ReadonlyMap<string, FhirResource>,
): RequesterView | undefined {
  const reference = requester?.reference;
  const display = requester?.display;
  const role = lookup<PractitionerRole>(included, 'PractitionerRole', reference);
  if (role !== undefined) return fromRole(role, included, display);
  const practitioner = lookup<Practitioner>(included, 'Practitioner', reference);
  if (practitioner !== undefined) {
    const theirRole = [...included.values()].find(
      (r): r is PractitionerRole =>
        r.resourceType === 'PractitionerRole' &&
        r.active !== false &&
        r.practitioner?.reference === reference,
    );
    const name = personName(practitioner.name) ?? display;
    if (theirRole !== undefined) return fromRole(theirRole, included, name);
    return name === undefined ? undefined : { name, role: undefined, practice: undefined };
  }
  const organization = lookup<Organization>(included, 'Organization', reference);
  const name = organization?.name ?? display;
  return name === undefined ? undefined : { name, role: undefined, practice: organization?.name };
}
