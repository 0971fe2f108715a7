import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { HealthcareService } from 'fhir/r4';
import { oidcAuthenticator, type Authenticator } from './api/auth';
import { createApp } from './app';
import { DiaryStore } from './diary/diary-store';
import { AssignmentStore } from './team/assignment-store';
import { ReferralDetails } from './fhir/referral-details';
import { ServiceDirectory } from './fhir/service-directory';
import { coordinatorRoutes } from './directory/coordinator-page';
import { Directory } from './directory/directory';
import { directoryRoutes } from './directory/routes';
import { TeamDirectory } from './fhir/team-directory';
import { CaseloadStore } from './store/caseload-store';
import { ConsentStore } from './store/consent-store';
import { InboundHoldStore } from './store/inbound-hold-store';
import { RiskStore } from './risk/risk-store';
import { CarePlanStore } from './care-plan/care-plan-store';
import { QuestionnaireLinkStore } from './questionnaire-link/link-store';
import { loadOrCreateLinkKey } from './questionnaire-link/link-token';
import type { AdapterConfig } from './config';
import type { Database } from './db/database';
import { openDatabase } from './db/open';
import type { FhirGateway } from './fhir/gateway';
import { loadOrCreateKey } from './fhir/keys';
import { createKitGateway } from './fhir/kit-gateway';
import { CaseReferrals } from './fhir/case-referrals';
import { connectEndpoints, EndpointSubscriptions, type EhrConnection } from './ehr-connections';
import { EndpointsOutbound } from './sync/endpoints-outbound';
import { answers } from './fhir/reachable';
import { jsonLogger, type Logger } from './log';
import { CaseAccessStore } from './store/case-access-store';
import { CaseStore } from './store/case-store';
import { SyncStore } from './store/sync-store';
import { startInsights } from './insights/wiring';
import type { InboundSync } from './sync/inbound';
import { IntakeStore } from './intake/intake-store';
import { LeaseStore } from './store/lease-store';
import { Lease } from './sync/lease';

export interface RunningAdapter {
  readonly url: string;
  readonly port: number;
  readonly db: Database;
  readonly cases: CaseStore;
  /** The primary endpoint's inbound sync (see `endpoints` for every endpoint's). */
  readonly inbound: InboundSync;
  /** Outbound sync of every endpoint; `forEndpoint(id)` drains one. */
  readonly outbound: EndpointsOutbound;
  /** Each EHR endpoint's gateway, inbound and outbound sync and rest-hook address, by id. */
  readonly endpoints: ReadonlyMap<string, EhrConnection>;
  readonly consents: ConsentStore;
  readonly holds: InboundHoldStore;
  /** The community directory (imports, search, capacity, onward referral reports). */
  readonly directory: Directory;
  /** The rest-hook Subscription ids once they are in place (empty when not subscribing). */
  readonly subscribed: Promise<string[]>;
  /** Where the primary endpoint's FHIR server delivers notifications. */
  readonly hookEndpoint: string;
  /** Switches the Subscriptions off on every FHIR server (a test adapter stopping for good). */
  unsubscribe(): Promise<void>;
  /** The poller-and-Subscription lease (one holder among the processes sharing the store). */
  readonly lease: Lease;
  stop(): Promise<void>;
}

export interface StartOptions {
  log?: Logger;
  /** Replace the OpenID Connect check (tests); discovered from the FHIR server when absent. */
  authenticate?: Authenticator;
  /** Replace the primary endpoint's FHIR gateway (tests, benchmarks). */
  gateway?: FhirGateway;
  /** Replace endpoints' gateways by endpoint id. */
  gateways?: Readonly<Record<string, FhirGateway>>;
  /** Use an in-memory PGlite database instead of the data folder (tests). */
  inMemory?: boolean;
  /** Start the poll and sync timers (default true). */
  timers?: boolean;
  /** Put the rest-hook Subscriptions in place (default: config.subscribe when timers run). */
  subscribe?: boolean;
  /** A built link-worker app to serve at `/` (e.g. from `ensureLinkWorkerAppBuilt()`). */
  webAppDir?: string;
}

/** Opens the store, starts the sync loops and serves the API; `npm start` calls this. */
export async function startAdapter(
  config: AdapterConfig,
  options: StartOptions = {},
): Promise<RunningAdapter> {
  const log = options.log ?? jsonLogger();
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    inMemory: options.inMemory,
  });
  const key = loadOrCreateKey(join(config.dataDir, 'keys'));
  const cases = new CaseStore(db);
  const sync = new SyncStore(db);
  const consents = new ConsentStore(db);
  const holds = new InboundHoldStore(db);
  const risks = new RiskStore(db);
  const carePlans = new CarePlanStore(db);
  const intake = new IntakeStore(db);
  // Replicas sharing the store tell themselves apart by this (claims, the lease, logs).
  const instanceId =
    config.instanceId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const primaryId = config.endpoints[0]?.id ?? '';
  const ehr = await connectEndpoints(config, key, {
    db,
    cases,
    sync,
    stores: { holds, consents, risks, intake },
    outbound: { risks, carePlans },
    instanceId,
    log,
    gateways: {
      ...(options.gateway === undefined ? {} : { [primaryId]: options.gateway }),
      ...options.gateways,
    },
  });
  const { smart } = ehr;
  const connections = [...ehr.byId.values()];
  // The service's own directory, team and figures are read through the primary endpoint.
  const gateway = ehr.primary.gateway;
  const team = new TeamDirectory(gateway, config.serviceOrg);
  const inbound = ehr.primary.inbound;
  const outbound = new EndpointsOutbound(
    new Map(connections.map((c) => [c.endpoint.id, c.outbound])),
    config.endpointBackoffSeconds * 1000,
    log,
    Date.now,
    (endpoint) => answers(ehr.gatewayFor(endpoint)),
  );
  const directory = new Directory(
    db,
    config.directory.fhirBase === undefined ? gateway : createKitGateway(config.directory.fhirBase),
    config.directory,
    config.dataDir,
    log,
  );
  const insights = await startInsights(
    config,
    db,
    new Map(connections.map((c) => [c.endpoint.id, c.gateway])),
    log,
    team,
    config.demoSeed && config.demoFhirBase !== undefined
      ? createKitGateway(config.demoFhirBase)
      : undefined,
  );
  // The first process to start picks the secret; the others read it.
  const hookSecret = await sync.initState('hook-secret', randomBytes(24).toString('base64url'));

  const authenticate =
    options.authenticate ??
    (smart === undefined
      ? () =>
          Promise.reject(
            new Error('sign-in needs a SMART-enabled FHIR server (ADAPTER_FHIR_AUTH=smart)'),
          )
      : oidcAuthenticator({
          issuer: smart.issuer,
          jwksUri: smart.jwksUri,
          audience: config.apiAudience,
          clientId: config.signInClientId,
          serviceOrg: config.serviceOrg,
          gateway,
          memberTtlMs: config.membershipSeconds * 1000,
        }));
  const runSync = (): void => {
    outbound.tick().catch((error: unknown) => {
      // The name only: a storage or server message can quote the values it refused.
      log.error('sync.failed', { error: error instanceof Error ? error.name : 'unknown' });
    });
  };
  // Each endpoint polls on its own: one that is away fails alone.
  const runPoll = (): void => {
    for (const connection of connections) {
      connection.inbound.poll().catch((error: unknown) => {
        log.warn('inbound.poll-failed', {
          endpoint: connection.endpoint.id,
          error: error instanceof Error ? error.name : 'unknown',
        });
      });
    }
  };
  const runEncounterRefresh = (): void => {
    insights.encounters.start().catch((error: unknown) => {
      log.warn('insights.encounters-failed', {
        error: error instanceof Error ? error.name : 'unknown',
      });
    });
  };
  let pending: NodeJS.Timeout | undefined;
  const changed = (): void => {
    pending ??= setTimeout(() => {
      pending = undefined;
      runSync();
    }, 200);
  };
  const app = createApp(config, {
    cases,
    access: new CaseAccessStore(db),
    sync,
    inbound,
    hooks: connections.map((c) => ({ path: c.hookPath, inbound: c.inbound })),
    consents,
    holds,
    team,
    authenticate,
    directory: {
      serviceName: async (id) => {
        try {
          return (await gateway.read<HealthcareService>('HealthcareService', id)).name ?? id;
        } catch {
          return undefined;
        }
      },
    },
    risks,
    carePlans,
    questionnaireLinks: {
      links: new QuestionnaireLinkStore(db),
      linkKey: loadOrCreateLinkKey(join(config.dataDir, 'keys')),
      publicUrl: config.publicUrl,
      profilesDir: config.profilesDir,
    },
    log,
    jwks: ehr.jwks,
    hookSecret,
    changed,
    caseload: {
      caseload: new CaseloadStore(db),
      referrals: new CaseReferrals(
        new Map(connections.map((c) => [c.endpoint.id, new ReferralDetails(c.gateway)])),
      ),
      services: new ServiceDirectory(gateway),
      intake,
      endpointNames: new Map(connections.map((c) => [c.endpoint.id, c.endpoint.name])),
    },
    communityDirectory: {
      api: (routeDeps) =>
        directoryRoutes({
          ...routeDeps,
          directory,
          gatewayFor: ehr.gatewayFor,
          publicUrl: config.publicUrl,
          localPostcode: async (caseId) => (await intake.person(caseId))?.postcode,
        }),
      coordinator: coordinatorRoutes({ directory, cases, gatewayFor: ehr.gatewayFor, changed }),
    },
    insights: {
      ...insights,
      endpointNames: new Map(connections.map((c) => [c.endpoint.id, c.endpoint.name])),
    },
    diary: new DiaryStore(db),
    assignments: new AssignmentStore(db),
    referralIntake: { intake, gateway },
    ...(options.webAppDir === undefined
      ? {}
      : {
          webApp: {
            distDir: options.webAppDir,
            issuer: smart?.issuer,
            clientId: config.signInClientId,
            resource: config.apiAudience,
          },
        }),
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(config.port, () => {
      resolve(listening);
    });
  });
  const port = (server.address() as { port: number }).port;
  const timers: NodeJS.Timeout[] = [];
  const hookEndpoint = ehr.primary.hookEndpoint;
  const subscribe = options.subscribe ?? (options.timers !== false && config.subscribe);
  const subscriptions = new EndpointSubscriptions(
    connections.filter((c) => c.endpoint.subscribe),
    sync,
    hookSecret,
    log,
  );
  // One process at a time polls and owns the Subscriptions; any process serves the API and syncs
  // out (outbox rows are claimed per case, see store/outbox-claims.ts).
  const lease = new Lease(new LeaseStore(db), 'inbound', instanceId, config.leaseSeconds, log, {
    acquired: async () => {
      if (subscribe) await subscriptions.takeOver();
      if (options.timers !== false) runPoll();
    },
    lost: () => undefined,
  });
  const subscribed =
    subscribe || options.timers !== false
      ? lease.start().then(() => subscriptions.ids)
      : Promise.resolve([]);
  if (options.timers !== false) {
    // Any process may import: an import with nothing new writes nothing.
    directory.schedule();
    runSync();
    timers.push(
      setInterval(() => {
        if (!lease.held) return;
        runPoll();
        if (subscribe) void subscriptions.retryMissing().catch(() => undefined);
      }, config.pollIntervalSeconds * 1000),
      setInterval(runSync, config.syncIntervalSeconds * 1000),
      setInterval(runEncounterRefresh, config.encounterRefreshHours * 3_600_000),
    );
    // Soon after start (the EHR must first be able to fetch this adapter's JWKS), then on schedule.
    timers.push(setTimeout(runEncounterRefresh, 10_000));
  }
  log.info('adapter.started', {
    port,
    database: db.kind,
    endpoints: connections.map((c) => `${c.endpoint.id}:${c.endpoint.fhirAuth}`).join(','),
    instance: instanceId,
  });
  return {
    url: `http://localhost:${port}`,
    port,
    db,
    cases,
    inbound,
    outbound,
    endpoints: ehr.byId,
    consents,
    holds,
    directory,
    subscribed,
    hookEndpoint,
    unsubscribe: () => subscriptions.unsubscribe(),
    lease,
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await lease.stop();
      if (pending) clearTimeout(pending);
      await directory.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await outbound.run().catch(() => undefined);
      await db.close();
    },
  };
}
