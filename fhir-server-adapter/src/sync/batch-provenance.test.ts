import type { Bundle, BundleEntry, Provenance } from 'fhir/r4';
import { isMergedCopy, mergeProvenances } from './batch-provenance';
import { provenanceResource } from './mappers';

// One Provenance per link worker per transaction, and the answer read back as if there were one
// per record.
const goal = (n: number): BundleEntry => ({
  fullUrl: `urn:uuid:goal-${n}`,
  resource: { resourceType: 'Goal' },
  request: { method: 'POST', url: 'Goal' },
});
const provenanceOf = (n: number, who: string, recorded: string): BundleEntry => {
  const id = `lwprov-${who}-${n}`;
  const resource = provenanceResource(
    id,
    [{ reference: `urn:uuid:goal-${n}` }],
    who,
    'org',
    recorded,
  );
  return {
    fullUrl: `Provenance/${id}`,
    resource,
    request: { method: 'PUT', url: `Provenance/${id}` },
  };
};
/** Record n's unit: its Goal, then its Provenance. */
const unit = (n: number, who = 'Practitioner/lw-1', recorded = `2025-03-0${n}T10:00:00Z`) => [
  goal(n),
  provenanceOf(n, who, recorded),
];
/** What a server answers to a bundle: entry i at Type/i. */
const answer = (bundle: Bundle): Bundle => ({
  resourceType: 'Bundle',
  type: 'transaction-response',
  entry: (bundle.entry ?? []).map((e, i) => ({
    response: { status: '201', location: `${e.resource?.resourceType ?? ''}/${i}/_history/1` },
  })),
});
const provenances = (bundle: Bundle): Provenance[] =>
  (bundle.entry ?? []).flatMap((e) =>
    e.resource?.resourceType === 'Provenance' ? [e.resource as Provenance] : [],
  );

describe('one Provenance per link worker per transaction', () => {
  it("merges one link worker's Provenances into one naming every record, the latest time", () => {
    const { bundle } = mergeProvenances([...unit(1), ...unit(3), ...unit(2)]);
    expect(bundle.entry?.map((e) => e.resource?.resourceType)).toEqual([
      'Goal',
      'Goal',
      'Goal',
      'Provenance',
    ]);
    const [merged] = provenances(bundle);
    expect(merged?.target.map((t) => t.reference)).toEqual([
      'urn:uuid:goal-1',
      'urn:uuid:goal-3',
      'urn:uuid:goal-2',
    ]);
    expect(merged?.recorded).toBe('2025-03-03T10:00:00Z');
    expect(merged?.agent[0]?.who.reference).toBe('Practitioner/lw-1');
    expect(bundle.entry?.[3]?.request).toEqual({ method: 'PUT', url: `Provenance/${merged?.id}` });
  });

  it('keeps one per link worker, and a lone record its own Provenance as it was', () => {
    const entries = [...unit(1), ...unit(2, 'Practitioner/lw-2'), ...unit(3)];
    const merged = provenances(mergeProvenances(entries).bundle);
    expect(merged.map((p) => p.agent[0]?.who.reference)).toEqual([
      'Practitioner/lw-1',
      'Practitioner/lw-2',
    ]);
    expect(merged[1]).toEqual(entries[3]?.resource);
  });

  it('gives the same records written together the same id, in any order, and others another', () => {
    const idOf = (entries: BundleEntry[]) => provenances(mergeProvenances(entries).bundle)[0]?.id;
    const id = idOf([...unit(1), ...unit(2)]);
    expect(idOf([...unit(2), ...unit(1)])).toBe(id);
    expect(idOf([...unit(1), ...unit(3)])).not.toBe(id);
    expect(id).toMatch(/^lwprov-[A-Za-z0-9\-.]{1,57}$/);
  });

  it('reads the answer back entry for entry, marking the merged copies', () => {
    const entries = [...unit(1), ...unit(2, 'Practitioner/lw-2'), ...unit(3)];
    const { bundle, unmerged } = mergeProvenances(entries);
    const back = unmerged(answer(bundle)).entry ?? [];
    expect(back.map((e) => e.response?.location)).toEqual([
      'Goal/0/_history/1',
      'Provenance/3/_history/1',
      'Goal/1/_history/1',
      'Provenance/4/_history/1',
      'Goal/2/_history/1',
      'Provenance/3/_history/1',
    ]);
    expect(back.map(isMergedCopy)).toEqual([false, false, false, false, false, true]);
  });

  it('leaves a transaction with nothing to merge as it was', () => {
    const entries = [...unit(1), goal(2)];
    const { bundle, unmerged } = mergeProvenances(entries);
    expect(bundle.entry).toEqual([entries[0], entries[2], entries[1]]);
    expect(unmerged(answer(bundle)).entry?.map((e) => e.response?.location)).toEqual([
      'Goal/0/_history/1',
      'Provenance/2/_history/1',
      'Goal/1/_history/1',
    ]);
  });
});
