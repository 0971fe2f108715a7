import type { Bundle, BundleEntry, Provenance } from 'fhir/r4';
import { contentHash } from './mappers';

// One Provenance per agent per transaction: every record a batch writes has a Provenance naming
// the link worker on behalf of the service, and records written together by the same link worker
// share one (Provenance.target lists every resource the activity wrote). A batch of 50 goals then
// writes 51 resources instead of 100, and the server validates and indexes half as many.
// The merged id comes from the records' own Provenance ids, so a retry of the same transaction is
// a no-op; a transaction that was written but never answered, planned again with other records,
// gives the records in both a second Provenance (the same link worker's).

/** A transaction of the units' entries with their Provenances merged, and how to read its answer. */
export interface MergedTransaction {
  readonly bundle: Bundle;
  /**
   * The server's answer laid out entry for entry as the unmerged entries were: each merged-away
   * Provenance's place holds the answer of the one it was merged into, with nothing counted twice
   * (`merged: true` marks the copies).
   */
  readonly unmerged: (response: Bundle) => Bundle;
}

/** Marks an answer that repeats a merged Provenance's (so it is not counted as a write). */
export const MERGED_EXTENSION = 'https://linkwell.example/sync/merged-provenance';

const isProvenance = (entry: BundleEntry): boolean => entry.resource?.resourceType === 'Provenance';

/** Who the Provenance names: records by the same agent for the same organisation share one. */
const agentKey = (provenance: Provenance): string => JSON.stringify(provenance.agent);

/**
 * The merged Provenance of several: every target once, the latest `recorded`, and an id made from
 * theirs, so the same records written together again give the same id (a resend is an update, not
 * a second Provenance). A group of one is left as it was.
 */
function merge(group: readonly Provenance[]): Provenance {
  const [first] = group;
  if (first === undefined) throw new Error('no Provenance to merge');
  if (group.length === 1) return first;
  const seen = new Set<string>();
  const target = group
    .flatMap((p) => p.target)
    .filter((t) => {
      const key = t.reference ?? JSON.stringify(t);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const ids = group.map((p) => p.id ?? '').sort();
  const recorded = group.map((p) => p.recorded).sort()[group.length - 1] ?? first.recorded;
  return { ...first, id: `lwprov-${contentHash(ids)}`, target, recorded };
}

export function mergeProvenances(entries: readonly BundleEntry[]): MergedTransaction {
  const groups = new Map<string, number[]>();
  entries.forEach((entry, index) => {
    if (!isProvenance(entry)) return;
    const key = agentKey(entry.resource as Provenance);
    groups.set(key, [...(groups.get(key) ?? []), index]);
  });
  const kept = entries.filter((e) => !isProvenance(e));
  // Where each original entry's answer is in the merged transaction's response.
  const answerAt = new Map<number, number>();
  entries.forEach((entry, index) => {
    if (!isProvenance(entry)) answerAt.set(index, answerAt.size);
  });
  const merged: BundleEntry[] = [];
  for (const indexes of groups.values()) {
    const provenance = merge(indexes.map((i) => entries[i]?.resource as Provenance));
    const at = kept.length + merged.length;
    for (const i of indexes) answerAt.set(i, at);
    const url = `Provenance/${provenance.id ?? ''}`;
    merged.push({ fullUrl: url, resource: provenance, request: { method: 'PUT', url } });
  }
  const firstOfGroup = new Set([...groups.values()].map((indexes) => indexes[0]));
  return {
    bundle: { resourceType: 'Bundle', type: 'transaction', entry: [...kept, ...merged] },
    unmerged: (response) => ({
      ...response,
      entry: entries.map((entry, index) => {
        const answer = response.entry?.[answerAt.get(index) ?? -1] ?? {};
        if (!isProvenance(entry) || firstOfGroup.has(index)) return answer;
        return { ...answer, extension: [{ url: MERGED_EXTENSION, valueBoolean: true }] };
      }),
    }),
  };
}

/** Whether an answer repeats a merged Provenance's (see `unmerged`). */
export const isMergedCopy = (answer: BundleEntry | undefined): boolean =>
  answer?.extension?.some((e) => e.url === MERGED_EXTENSION) === true;
