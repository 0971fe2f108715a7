import type { Bundle, FhirResource, Provenance, Task } from 'fhir/r4';

// After a run: is every write on the FHIR server exactly once? Searches HAPI directly (all pages)
// and compares what it holds with what the run wrote.

/** Every resource of a search, following HAPI's next links. */
export async function searchAll<T extends FhirResource>(base: string, query: string): Promise<T[]> {
  const found: T[] = [];
  let url: string | undefined = `${base}/${query}`;
  while (url !== undefined) {
    const response = await fetch(url, { headers: { accept: 'application/fhir+json' } });
    if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
    const page = (await response.json()) as Bundle;
    for (const entry of page.entry ?? []) if (entry.resource) found.push(entry.resource as T);
    url = page.link?.find((l) => l.relation === 'next')?.url;
  }
  return found;
}

export interface OnceReport {
  readonly what: string;
  readonly expected: number;
  readonly found: number;
  /** Expected but not on the server. */
  readonly missing: number;
  /** On the server more than once (each extra copy counted). */
  readonly duplicated: number;
  /** On the server but not among the writes answered (at most `unanswered` may be so). */
  readonly unexpected: number;
  /** Writes that timed out or were unanswered when the run stopped: each may have been made. */
  readonly unanswered: number;
}

/** Compares identifier values of `system` on the server with `expected` (each must be there once). */
export function onceByIdentifier(
  what: string,
  resources: readonly FhirResource[],
  system: string,
  expected: readonly string[],
  unanswered = 0,
): OnceReport {
  const counts = new Map<string, number>();
  for (const resource of resources) {
    const identifiers = 'identifier' in resource ? resource.identifier : undefined;
    const list = Array.isArray(identifiers) ? identifiers : identifiers ? [identifiers] : [];
    for (const identifier of list) {
      if (identifier.system !== system || identifier.value === undefined) continue;
      counts.set(identifier.value, (counts.get(identifier.value) ?? 0) + 1);
    }
  }
  const wanted = new Set(expected);
  let duplicated = 0;
  let unexpected = 0;
  for (const [value, n] of counts) {
    if (n > 1) duplicated += n - 1;
    if (!wanted.has(value)) unexpected += 1;
  }
  return {
    what,
    expected: wanted.size,
    found: [...counts.values()].reduce((a, b) => a + b, 0),
    missing: [...wanted].filter((value) => !counts.has(value)).length,
    duplicated,
    unexpected,
    unanswered,
  };
}

const unversioned = (reference: string | undefined): string =>
  (reference ?? '').replace(/\/_history\/.*$/, '');

export interface ProvenanceReport {
  readonly provenances: number;
  /** Resources written once (Goals, Observations) not the target of exactly one Provenance. */
  readonly writtenOnceNotOnce: number;
  /** Task versions the adapter wrote (after the GP's first) against Provenances of those Tasks. */
  readonly taskWrites: number;
  readonly taskProvenances: number;
  /** A Task version with the same content as the one before it: a write made twice. */
  readonly repeatedTaskVersions: number;
}

/**
 * Provenance: one per write. Each resource in `once` (written once, never changed) is the target
 * of exactly one; each Task has one per version the adapter wrote (its history since the run
 * started), and no version repeats the one before.
 */
export function provenancePerWrite(
  provenances: readonly Provenance[],
  once: readonly string[],
  taskHistory: readonly Task[],
): ProvenanceReport {
  const perTarget = new Map<string, number>();
  for (const provenance of provenances) {
    for (const target of new Set(provenance.target.map((t) => unversioned(t.reference)))) {
      perTarget.set(target, (perTarget.get(target) ?? 0) + 1);
    }
  }
  const versions = new Map<string, Task[]>();
  for (const task of taskHistory) {
    const id = `Task/${task.id ?? ''}`;
    versions.set(id, [...(versions.get(id) ?? []), task]);
  }
  let taskWrites = 0;
  let taskProvenances = 0;
  let repeatedTaskVersions = 0;
  for (const [id, list] of versions) {
    const sorted = [...list].sort((a, b) => Number(a.meta?.versionId) - Number(b.meta?.versionId));
    taskWrites += sorted.filter((t) => t.meta?.versionId !== '1').length;
    taskProvenances += perTarget.get(id) ?? 0;
    const content = sorted.map((t) => JSON.stringify({ ...t, meta: undefined }));
    repeatedTaskVersions += content.filter((c, i) => i > 0 && c === content[i - 1]).length;
  }
  return {
    provenances: provenances.length,
    writtenOnceNotOnce: once.filter((reference) => perTarget.get(reference) !== 1).length,
    taskWrites,
    taskProvenances,
    repeatedTaskVersions,
  };
}
