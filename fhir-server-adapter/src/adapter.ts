import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { HealthcareService } from 'fhir/r4';
import { oidcAuthenticator, type Authenticator } from './api/auth';
import { createApp } from './app';
import { DiaryStore } from './diary/diary-store';
import { AssignmentStore } from './team/assignment-store';
import { ReferralDetails } from './fhir/referral-details';
import { ServiceDirectory } from './fhir/service-directory';
import { TeamDirectory } from './fhir/team-directory';
import { CaseloadStore } from './store/caseload-store';
import { ConsentStore } from './store/consent-store';
import { InboundHoldStore } from './store/inbound-hold-store';
import type { AdapterConfig } from './config';
import type { Database } from './db/database';
import { openDatabase } from './db/open';
import type { FhirGateway } from './fhir/gateway';
import { loadOrCreateKey } from './fhir/keys';
import { createKitGateway } from './fhir/kit-gateway';
import { backendServicesTokens, discoverSmart } from './fhir/smart-auth';
import { jsonLogger, type Logger } from './log';
import { CaseAccessStore } from './store/case-access-store';
import { CaseStore } from './store/case-store';
import { SyncStore } from './store/sync-store';
import { InboundSync } from './sync/inbound';
import { OutboundSync } from './sync/outbound';

export interface RunningAdapter {
  readonly url: string;
  readonly port: number;
  readonly db: Database;
  readonly cases: CaseStore;
  readonly inbound: InboundSync;
  readonly outbound: OutboundSync;
  readonly consents: ConsentStore;
  readonly holds: InboundHoldStore;
  /** The rest-hook Subscription ids once they are in place (empty when not subscribing). */
  readonly subscribed: Promise<string[]>;
  /** Where the FHIR server delivers notifications. */
  readonly hookEndpoint: string;
  /** Switches the Subscriptions off on the FHIR server (a test adapter stopping for good). */
  unsubscribe(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  log?: Logger;
  /** Replace the OpenID Connect check (tests); discovered from the FHIR server when absent. */
  authenticate?: Authenticator;
  /** Replace the FHIR gateway (tests, benchmarks). */
  gateway?: FhirGateway;
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
  const smart = config.fhirAuth === 'smart' ? await discoverSmart(config.fhirBase) : undefined;
  const tokens =
    smart === undefined
      ? undefined
      : backendServicesTokens({
          fhirBase: config.fhirBase,
          clientId: config.clientId,
          scopes: config.scopes,
          key,
          tokenEndpoint: config.tokenEndpoint ?? smart.tokenEndpoint,
        });
  const gateway = options.gateway ?? createKitGateway(config.fhirBase, tokens);
  const cases = new CaseStore(db);
  const sync = new SyncStore(db);
  const consents = new ConsentStore(db);
  const holds = new InboundHoldStore(db);
  const team = new TeamDirectory(gateway, config.serviceOrg);
  const inbound = new InboundSync(cases, sync, gateway, config.serviceOrg, log, {
    holds,
    consents,
  });
  const outbound = new OutboundSync(cases, sync, gateway, log, { batchSize: config.syncBatchSize });
  const hookSecret = (await sync.getState('hook-secret')) ?? randomBytes(24).toString('base64url');
  await sync.setState('hook-secret', hookSecret);

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
    outbound.run().catch((error: unknown) => {
      // The name only: a storage or server message can quote the values it refused.
      log.error('sync.failed', { error: error instanceof Error ? error.name : 'unknown' });
    });
  };
  const runPoll = (): void => {
    inbound.poll().catch((error: unknown) => {
      log.warn('inbound.poll-failed', { error: error instanceof Error ? error.name : 'unknown' });
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
    log,
    jwks: key.jwks,
    hookSecret,
    changed,
    caseload: {
      caseload: new CaseloadStore(db),
      referrals: new ReferralDetails(gateway),
      services: new ServiceDirectory(gateway),
    },
    diary: new DiaryStore(db),
    assignments: new AssignmentStore(db),
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
  const hookEndpoint = `${config.publicUrl}/fhir-hook`;
  const subscribe = options.subscribe ?? (options.timers !== false && config.subscribe);
  const subscribed = subscribe
    ? inbound.subscribe(hookEndpoint, hookSecret).then(
        (ids) => {
          log.info('inbound.subscribed', { subscriptions: ids.join(',') });
          return ids;
        },
        (error: unknown) => {
          log.warn('inbound.subscribe-failed', {
            error: error instanceof Error ? error.message : 'unknown',
          });
          return [];
        },
      )
    : Promise.resolve([]);
  if (options.timers !== false) {
    runPoll();
    runSync();
    timers.push(
      setInterval(runPoll, config.pollIntervalSeconds * 1000),
      setInterval(runSync, config.syncIntervalSeconds * 1000),
    );
  }
  log.info('adapter.started', { port, database: db.kind, fhirAuth: config.fhirAuth });
  return {
    url: `http://localhost:${port}`,
    port,
    db,
    cases,
    inbound,
    outbound,
    consents,
    holds,
    subscribed,
    hookEndpoint,
    unsubscribe: () => inbound.unsubscribe(hookEndpoint, hookSecret),
    async stop() {
      for (const timer of timers) clearInterval(timer);
      if (pending) clearTimeout(pending);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await outbound.run().catch(() => undefined);
      await db.close();
    },
  };
}
