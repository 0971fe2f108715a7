import type { Bundle, Encounter, HumanName, Patient, Practitioner } from 'fhir/r4';

/** One option in a picker: an id and what a person sees. */
export interface Choice {
  id: string;
  label: string;
}

function nameOf(names: HumanName[] | undefined): string {
  const name = names?.[0];
  if (name === undefined) return '(no name)';
  return (
    name.text ??
    [...(name.prefix ?? []), ...(name.given ?? []), name.family].filter(Boolean).join(' ')
  );
}

function label(resource: Patient | Practitioner | Encounter): string {
  switch (resource.resourceType) {
    case 'Patient':
      return `${nameOf(resource.name)}${resource.birthDate ? ` (born ${resource.birthDate})` : ''}`;
    case 'Practitioner':
      return nameOf(resource.name);
    case 'Encounter':
      return `${resource.period?.start?.slice(0, 10) ?? 'undated'} ${resource.type?.[0]?.text ?? resource.class.code ?? ''}`.trim();
  }
}

type Pickable = Patient | Practitioner | Encounter;

async function search(upstream: string, resourceType: string, query: string): Promise<Pickable[]> {
  const response = await fetch(`${upstream}/${resourceType}?${query}`, {
    headers: { accept: 'application/fhir+json' },
  });
  if (!response.ok)
    throw new Error(`Listing ${resourceType} from HAPI failed: HTTP ${response.status}`);
  const bundle = (await response.json()) as Bundle<Pickable>;
  return (bundle.entry ?? [])
    .map((entry) => entry.resource)
    .filter((resource): resource is Pickable => resource?.id !== undefined);
}

const DEMO_DATA_TAG = 'https://linkwell.example.org/fhir/sid/demo-data|synthetic-healthcare-use';

/** The identifier system the seed gives its records (seed/*.json), so they are always listed. */
const SEED_SYSTEM = {
  Patient: 'https://linkwell.example.org/fhir/sid/sandbox-patient',
  Practitioner: 'https://linkwell.example.org/fhir/sid/sandbox-practitioner',
} as const;

/**
 * Reads pickable records straight from HAPI (the EHR's own view, not through the proxy): the seed's
 * patients and clinicians, and the 100 most recently updated others (a busy test server holds many).
 */
export async function listChoices(
  upstream: string,
  resourceType: 'Patient' | 'Practitioner' | 'Encounter',
  query = '',
): Promise<Choice[]> {
  const seed =
    resourceType === 'Encounter'
      ? Promise.resolve([])
      : search(
          upstream,
          resourceType,
          `identifier=${encodeURIComponent(`${SEED_SYSTEM[resourceType]}|`)}&_count=100`,
        );
  const found = await Promise.all([
    seed,
    // The demo's made-up healthcare-use records (the adapter's demo-encounters.ts) are not for picking.
    search(
      upstream,
      resourceType,
      `_count=100&_sort=-_lastUpdated&_tag:not=${encodeURIComponent(DEMO_DATA_TAG)}${query}`,
    ),
  ]);
  const byId = new Map(found.flat().map((resource) => [resource.id ?? '', resource]));
  return [...byId.values()]
    .map((resource) => ({ id: resource.id ?? '', label: label(resource) }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** The display name of a user (`Practitioner/<id>`) for the ID token's `name` claim, if HAPI has one. */
export async function userName(upstream: string, user: string): Promise<string | undefined> {
  if (!/^Practitioner\/[A-Za-z0-9\-.]{1,64}$/.test(user)) return undefined;
  const response = await fetch(`${upstream}/${user}`, {
    headers: { accept: 'application/fhir+json' },
  });
  if (!response.ok) return undefined;
  const practitioner = (await response.json()) as Practitioner;
  return practitioner.name === undefined ? undefined : nameOf(practitioner.name);
}

/** `<option>`s for a picker, with the given id selected. */
export function options(choices: Choice[], selected?: string): string {
  const escape = (s: string): string =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  return choices
    .map(
      (c) =>
        `<option value="${escape(c.id)}"${c.id === selected ? ' selected' : ''}>${escape(c.label)}</option>`,
    )
    .join('');
}
