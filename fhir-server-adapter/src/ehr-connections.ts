import { ConfigError } from '@linkwell/service-kit';
import type { AdapterConfig } from './config';
import type { Database } from './db/database';
import { hookPath, type EhrEndpoint } from './ehr-endpoints';
import type { FhirGateway } from './fhir/gateway';
import { loadOrCreateKey, type AdapterKey } from './fhir/keys';
import { createKitGateway } from './fhir/kit-gateway';
import { backendServicesTokens, discoverSmart, type SmartConfiguration } from './fhir/smart-auth';
import type { Logger } from './log';
import type { CaseStore } from './store/case-store';
import { OutboxClaims } from './store/outbox-claims';
import type { SyncStore } from './store/sync-store';
import { InboundSync, type InboundStores } from './sync/inbound';
import { OutboundSync, type OutboundOptions } from './sync/outbound';
import { takeOverSubscriptions } from './sync/subscription-takeover';

/** One EHR endpoint as the running adapter talks to it. */
export interface EhrConnection {
  readonly endpoint: EhrEndpoint;
  readonly gateway: FhirGateway;
  readonly inbound: InboundSync;
  readonly outbound: OutboundSync;
  /** Where its server delivers notifications (public URL + hook path). */
  readonly hookEndpoint: string;
  readonly hookPath: string;
}

export interface EhrConnections {
  /** The first endpoint's (sign-in, the team and the directory go through it). */
  readonly primary: EhrConnection;
  readonly byId: ReadonlyMap<string, EhrConnection>;
  /** The primary endpoint's SMART configuration (its issuer signs the link workers in). */
  readonly smart: SmartConfiguration | undefined;
  /** Every signing key's public half (endpoints may have keys of their own). */
  readonly jwks: { keys: object[] };
  readonly gatewayFor: (endpoint: string) => FhirGateway;
}

export interface ConnectionParts {
  readonly db: Database;
  readonly cases: CaseStore;
  readonly sync: SyncStore;
  readonly stores: InboundStores;
  readonly outbound: Omit<OutboundOptions, 'claims' | 'batchSize' | 'lanes'>;
  readonly instanceId: string;
  readonly log: Logger;
  /** Replacement gateways by endpoint id (tests, benchmarks). */
  readonly gateways?: Readonly<Record<string, FhirGateway>>;
}

/**
 * A gateway, an inbound and an outbound sync per configured endpoint. Only the primary endpoint's
 * SMART configuration is read at start (sign-in needs it); the others discover their token
 * endpoint at the first token, so an endpoint that is down at start delays only itself.
 */
export async function connectEndpoints(
  config: AdapterConfig,
  sharedKey: AdapterKey,
  parts: ConnectionParts,
): Promise<EhrConnections> {
  const [first] = config.endpoints;
  if (first === undefined) throw new ConfigError('At least one EHR endpoint is needed.');
  const smart = first.fhirAuth === 'smart' ? await discoverSmart(first.fhirBase) : undefined;
  const keys = new Map<string, AdapterKey>();
  const byId = new Map<string, EhrConnection>();
  for (const endpoint of config.endpoints) {
    const key = endpoint.keyDir === undefined ? sharedKey : loadOrCreateKey(endpoint.keyDir);
    keys.set(key.kid, key);
    const tokens =
      endpoint.fhirAuth === 'none'
        ? undefined
        : backendServicesTokens({
            fhirBase: endpoint.fhirBase,
            clientId: endpoint.clientId,
            scopes: endpoint.scopes,
            key,
            tokenEndpoint:
              endpoint.tokenEndpoint ?? (endpoint === first ? smart?.tokenEndpoint : undefined),
          });
    const gateway = parts.gateways?.[endpoint.id] ?? createKitGateway(endpoint.fhirBase, tokens);
    const path = hookPath(endpoint);
    byId.set(endpoint.id, {
      endpoint,
      gateway,
      inbound: new InboundSync(
        parts.cases,
        parts.sync,
        gateway,
        config.serviceOrg,
        parts.log,
        parts.stores,
        endpoint.id,
      ),
      outbound: new OutboundSync(parts.cases, parts.sync, gateway, parts.log, {
        ...parts.outbound,
        batchSize: config.syncBatchSize,
        lanes: config.syncLanes,
        // A claimer per endpoint: its cases only, released when its own run ends.
        claims: new OutboxClaims(
          parts.db,
          `${parts.instanceId}/${endpoint.id}`,
          config.claimSeconds,
          endpoint.id,
        ),
      }),
      hookEndpoint: `${config.publicUrl}${path}`,
      hookPath: path,
    });
  }
  await checkStoredEndpoints(parts.db, byId);
  const primary = byId.get(first.id);
  if (primary === undefined) throw new Error('the primary endpoint vanished');
  return {
    primary,
    byId,
    smart,
    jwks: { keys: [...keys.values()].flatMap((k) => k.jwks.keys) },
    gatewayFor: (endpoint) => {
      const connection = byId.get(endpoint);
      if (connection === undefined) throw new Error(`no EHR endpoint "${endpoint}" is configured`);
      return connection.gateway;
    },
  };
}

/** Cases whose endpoint is not configured would never sync: say so at start instead. */
async function checkStoredEndpoints(
  db: Database,
  byId: ReadonlyMap<string, EhrConnection>,
): Promise<void> {
  const rows = await db.query<{ endpoint: string }>('SELECT DISTINCT endpoint FROM cases');
  const unknown = rows.map((r) => r.endpoint).filter((id) => !byId.has(id));
  if (unknown.length > 0) {
    throw new ConfigError(
      `The store has cases from EHR endpoint(s) ${unknown.join(', ')} that ADAPTER_EHR_ENDPOINTS does not list (cases from before several endpoints have the id "default").`,
    );
  }
}

/**
 * The lease holder's Subscriptions on every endpoint that subscribes. An endpoint that is away is
 * left out (and tried again at each poll) rather than holding back the others.
 */
export class EndpointSubscriptions {
  /** The Subscription ids in place. */
  ids: string[] = [];
  private missing: readonly EhrConnection[] = [];

  constructor(
    private readonly connections: readonly EhrConnection[],
    private readonly sync: SyncStore,
    private readonly secret: string,
    private readonly log: Logger,
  ) {}

  /** On taking the lease: every endpoint's Subscriptions put in place (taken over) afresh. */
  takeOver(): Promise<void> {
    this.ids = [];
    this.missing = this.connections;
    return this.retryMissing();
  }

  /** The endpoints that were away last time. */
  async retryMissing(): Promise<void> {
    const missed: EhrConnection[] = [];
    const ids: string[] = [];
    for (const connection of this.missing) {
      try {
        ids.push(
          ...(await takeOverSubscriptions(
            connection.inbound,
            this.sync,
            connection.hookEndpoint,
            this.secret,
            this.log,
          )),
        );
      } catch (error) {
        missed.push(connection);
        this.log.warn('inbound.subscribe-failed', {
          endpoint: connection.endpoint.id,
          error: error instanceof Error ? error.name : 'unknown',
        });
      }
    }
    this.missing = missed;
    this.ids = [...this.ids, ...ids];
    if (ids.length > 0) this.log.info('inbound.subscribed', { subscriptions: ids.join(',') });
  }

  /** Switches every endpoint's Subscriptions off (a test adapter stopping for good). */
  async unsubscribe(): Promise<void> {
    for (const c of this.connections) await c.inbound.unsubscribe(c.hookEndpoint, this.secret);
  }
}
