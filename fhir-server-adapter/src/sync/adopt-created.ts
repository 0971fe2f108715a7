import type { Bundle, BundleEntry, FhirResource } from 'fhir/r4';
import type { FhirGateway } from '../fhir/gateway';
import type { SyncStore } from '../store/sync-store';
import type { WriteUnit } from './units';

/**
 * After a conflict: finds the resources our conditional creates would have matched, and links
 * them. A write that reached the server but whose links were never saved (the process died
 * before, or another replica's run was cut short) then becomes an update of what is there, so
 * the Task lists `Goal/<id>` once instead of once more under the create's `urn:uuid`.
 * One batch of searches; returns how many it linked.
 */
export async function adoptCreated(
  gateway: FhirGateway,
  sync: SyncStore,
  units: readonly WriteUnit[],
): Promise<number> {
  const creates = units.flatMap((unit) =>
    unit.entries
      .filter((e) => e.request?.method === 'POST' && e.request.ifNoneExist !== undefined)
      .map((entry) => ({ unit, entry })),
  );
  if (creates.length === 0) return 0;
  const batch: Bundle = {
    resourceType: 'Bundle',
    type: 'batch',
    entry: creates.map(({ entry }): BundleEntry => ({
      request: {
        method: 'GET',
        url: `${entry.request?.url ?? ''}?${entry.request?.ifNoneExist ?? ''}`,
      },
    })),
  };
  const response = await gateway.transaction(batch);
  const links = creates.flatMap(({ unit, entry }, i) => {
    const found = (response.entry?.[i]?.resource as Bundle | undefined)?.entry ?? [];
    const only = found.length === 1 ? (found[0]?.resource as FhirResource | undefined) : undefined;
    if (only?.id === undefined || only.resourceType !== entry.resource?.resourceType) return [];
    return [
      {
        kind: unit.kind,
        recordId: unit.recordId,
        resourceType: only.resourceType,
        fhirId: only.id,
        versionId: only.meta?.versionId,
        contentHash: 'stale',
      },
    ];
  });
  await sync.saveLinks(links);
  return links.length;
}
