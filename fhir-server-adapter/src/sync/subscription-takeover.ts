import { endpointStateKey } from '../ehr-endpoints';
import type { Logger } from '../log';
import type { SyncStore } from '../store/sync-store';
import type { InboundSync } from './inbound';

/** Where the current lease holder asked the FHIR server to deliver notifications. */
const ENDPOINT_KEY = 'inbound.subscription-endpoint';

/**
 * The lease holder's Subscriptions: the previous holder's are switched off when it listened at
 * another address (replicas without a shared front door), then ours are put in place. Replicas
 * behind one public URL compute the same Subscription ids, so taking over rewrites them in place.
 */
export async function takeOverSubscriptions(
  inbound: InboundSync,
  sync: SyncStore,
  endpoint: string,
  secret: string,
  log: Logger,
): Promise<string[]> {
  // Per EHR endpoint: each server has Subscriptions of its own.
  const key = endpointStateKey(ENDPOINT_KEY, inbound.endpoint);
  const previous = await sync.getState(key);
  if (previous !== undefined && previous !== endpoint) {
    await inbound.unsubscribe(previous, secret);
    log.info('inbound.subscriptions-taken-over', { endpoint: inbound.endpoint });
  }
  const ids = await inbound.subscribe(endpoint, secret);
  await sync.setState(key, endpoint);
  return ids;
}
