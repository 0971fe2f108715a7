import type { Bundle, FhirResource, Task } from 'fhir/r4';
import { outcomeText } from '@linkwell/profiles';
import { FhirGatewayError, type FhirGateway } from '../fhir/gateway';
import type { FhirLink } from '../store/records';
import type { SyncStore } from '../store/sync-store';
import { isMergedCopy } from './batch-provenance';
import type { Hold, PlanOptions } from './plan';
import { taskHash, type RecordChanges, type WriteUnit } from './units';

// RECONCILE: what the server said, back into the store: ids and versions after a success, the
// newest copies after a conflict, and a refusal narrowed down to the one record it is about.

/** How syncing a set of records ended: `stalled` when the server stayed away. */
export type Outcome = 'ok' | 'stalled';

export interface WriteReport {
  /** Resources written (Provenance included). */
  written: number;
  changesDone: number;
}

/** `Goal/12/_history/3` (relative or absolute) as [type, id, version]. */
export function locationParts(location: string | undefined): [string?, string?, string?] {
  const match = /([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/([^/]+))?\/?$/.exec(
    location ?? '',
  );
  return match === null ? [] : [match[1], match[2], match[3]];
}

/** Where the server put what we sent as urn:uuid. */
export function placements(units: readonly WriteUnit[], response: Bundle): Map<string, string> {
  const placed = new Map<string, string>();
  units
    .flatMap((u) => u.entries)
    .forEach((entry, i) => {
      const [type, id] = locationParts(response.entry?.[i]?.response?.location);
      if (entry.fullUrl?.startsWith('urn:uuid:') === true && type !== undefined && id !== undefined)
        placed.set(entry.fullUrl, `${type}/${id}`);
    });
  return placed;
}

/** Stores the ids and versions the server gave, so later changes If-Match them; marks rows done. */
export async function recordSuccess(
  sync: SyncStore,
  units: readonly WriteUnit[],
  response: Bundle,
  report: WriteReport,
): Promise<void> {
  const placed = placements(units, response);
  let index = 0;
  for (const unit of units) {
    const links: FhirLink[] = [];
    let hash = unit.hash;
    for (const entry of unit.entries) {
      const answer = response.entry?.[index];
      index += 1;
      if (!isMergedCopy(answer)) report.written += 1;
      const [type, id, version] = locationParts(answer?.response?.location);
      if (type === undefined || id === undefined || type === 'Provenance') continue;
      if (type === 'Task' && unit.task !== undefined) {
        let json = JSON.stringify(unit.task);
        for (const [from, to] of placed) json = json.split(from).join(to);
        const sent = JSON.parse(json) as Task;
        hash = taskHash(sent);
        await sync.saveTask(unit.caseId, {
          ...sent,
          meta: { ...sent.meta, versionId: version ?? sent.meta?.versionId },
        });
      }
      if (entry.request?.method === 'POST' || entry.request?.method === 'PUT') {
        links.push({
          kind: unit.kind,
          recordId: unit.recordId,
          resourceType: type,
          fhirId: id,
          versionId: version,
          contentHash: hash,
        });
      }
    }
    await sync.saveLinks(links);
    await sync.markDone(unit.seqs);
    report.changesDone += unit.seqs.length;
  }
}

/**
 * After a 409/412: re-reads what we tried to update, so the next plan merges onto the newest copy
 * (the Task snapshot is stored; other resources are kept in `copies` and their links marked stale).
 */
export async function rereadConflicts(
  gateway: FhirGateway,
  sync: SyncStore,
  units: readonly WriteUnit[],
  copies: Map<string, FhirResource>,
): Promise<number> {
  let reread = 0;
  for (const unit of units) {
    for (const entry of unit.entries) {
      const url = entry.request?.url ?? '';
      if (entry.request?.method !== 'PUT' || url.startsWith('Provenance/')) continue;
      // A Consent is read afresh for every plan; nothing to keep.
      if (url.startsWith('Consent/')) continue;
      const [type = '', id = ''] = url.split('/');
      let server: FhirResource;
      try {
        server = await gateway.read<FhirResource>(type as FhirResource['resourceType'], id);
      } catch (error) {
        // Gone or unreadable: nothing to merge onto; the refusal is then narrowed down.
        if (error instanceof FhirGatewayError && !error.retryable) continue;
        throw error;
      }
      reread += 1;
      copies.set(url, server);
      // Only the case's own Task is its snapshot (a superseded earlier Task is kept in `copies`).
      if (type === 'Task' && unit.kind === 'task') await sync.saveTask(unit.caseId, server as Task);
      else
        await sync.saveLinks([
          {
            kind: unit.kind,
            recordId: unit.recordId,
            resourceType: type,
            fhirId: id,
            versionId: server.meta?.versionId,
            contentHash: 'stale',
          },
        ]);
    }
  }
  return reread;
}

export interface NarrowingSteps {
  /** Plans, sends and reconciles a subset again. */
  retry(groups: readonly RecordChanges[], options: PlanOptions): Promise<Outcome>;
  hold(held: Hold): Promise<void>;
}

/**
 * The server refused a transaction: halve the records until the one it refuses is alone, and
 * hold it with the server's own words (its OperationOutcome); everything else goes through.
 * A lone record is first tried without the Task update riding along, which may be the culprit.
 */
export async function narrowDown(
  groups: readonly RecordChanges[],
  error: FhirGatewayError,
  options: PlanOptions,
  steps: NarrowingSteps,
): Promise<Outcome> {
  const [only] = groups;
  if (groups.length > 1 || only === undefined) {
    const half = Math.ceil(groups.length / 2);
    for (const part of [groups.slice(0, half), groups.slice(half)]) {
      if (part.length > 0 && (await steps.retry(part, options)) === 'stalled') return 'stalled';
    }
    return 'ok';
  }
  if (only.kind !== 'task' && options.linkOutputs !== false) {
    return steps.retry([only], { ...options, linkOutputs: false });
  }
  await steps.hold({ change: only, message: outcomeText(error.outcome) ?? error.message });
  return 'ok';
}
