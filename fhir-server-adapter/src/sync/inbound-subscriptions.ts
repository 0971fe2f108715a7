import { createHash } from 'node:crypto';
import type { Bundle, FhirResource, Subscription } from 'fhir/r4';
import type { FhirGateway } from '../fhir/gateway';
import type { SyncStore } from '../store/sync-store';

/** What the adapter listens to: the service's referral Tasks, and Consents naming the service. */
export type WatchedType = 'Task' | 'Consent';

export function criteriaFor(type: WatchedType, serviceOrg: string): string {
  return type === 'Task'
    ? `Task?owner=Organization/${serviceOrg}`
    : `Consent?actor=Organization/${serviceOrg}`;
}

/**
 * The rest-hook Subscription for one watched type, with a stable id (so restarts never add
 * another). HAPI delivers with a payload as a FHIR `update` to `<endpoint>/<type>/<id>`.
 */
export function hookSubscription(
  type: WatchedType,
  serviceOrg: string,
  endpoint: string,
  secret: string,
  status: Subscription['status'] = 'requested',
): Subscription & { id: string } {
  // The Task subscription keeps the id earlier versions gave it.
  const key = type === 'Task' ? `${serviceOrg}|${endpoint}` : `${serviceOrg}|${endpoint}|${type}`;
  const id = `linkwell-adapter-${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
  return {
    resourceType: 'Subscription',
    id,
    status,
    reason:
      type === 'Task'
        ? 'New and changed referrals for the link-worker service'
        : 'Consent changes (such as a withdrawal) for the link-worker service',
    criteria: criteriaFor(type, serviceOrg),
    channel: {
      type: 'rest-hook',
      endpoint,
      payload: 'application/fhir+json',
      header: [`Authorization: Bearer ${secret}`],
    },
  };
}

/** Only move forward a little behind the cursor: changes committed in the same instant are seen. */
const CURSOR_OVERLAP_MS = 1000;

/**
 * Every page of `<type>?<params>&_lastUpdated=gt<cursor>`, each resource handed to `each`; the
 * cursor moves only after the whole run succeeded. Returns how many resources were seen.
 */
export async function pollSince<T extends FhirResource>(
  gateway: FhirGateway,
  sync: SyncStore,
  cursorKey: string,
  type: T['resourceType'],
  params: Record<string, string>,
  each: (resource: T) => Promise<void>,
): Promise<number> {
  const cursor = await sync.getState(cursorKey);
  const query: Record<string, string> = { ...params, _sort: '_lastUpdated', _count: '100' };
  if (cursor !== undefined) {
    query._lastUpdated = `gt${new Date(Date.parse(cursor) - CURSOR_OVERLAP_MS).toISOString()}`;
  }
  let seen = 0;
  let newest = cursor;
  let page: Bundle | undefined = await gateway.search(type, query);
  while (page !== undefined) {
    for (const entry of page.entry ?? []) {
      const resource = entry.resource as T | undefined;
      if (resource?.resourceType !== type) continue;
      seen += 1;
      await each(resource);
      const updated = resource.meta?.lastUpdated;
      if (
        updated !== undefined &&
        (newest === undefined || Date.parse(updated) > Date.parse(newest))
      ) {
        newest = updated;
      }
    }
    page = await gateway.nextPage(page);
  }
  if (newest !== undefined && newest !== cursor) await sync.setState(cursorKey, newest);
  return seen;
}
