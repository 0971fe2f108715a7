import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { freePort } from '@linkwell/service-kit';
import { SEED, startEhrSandbox, type EhrSandbox } from '@linkwell/ehr-sandbox';
import {
  loadConfig,
  loadOrCreateKey,
  silentLogger,
  startAdapter,
  type RunningAdapter,
} from '@linkwell/fhir-server-adapter';
import { ensureLinkWorkerAppBuilt } from '@linkwell/link-worker-app';
import { ensureSmartAppBuilt, serveSmartApp, type SmartAppServer } from '@linkwell/smart-app';
import { testFhirBase } from '../../support/fhir-http';
import { CHROMIUM_ARGS } from '../../e2e-gp/support/gp-harness';

// The whole loop on free ports: the run's ONE HAPI, an EHR sandbox in front of it with our apps
// registered at those ports, the GP app, and two adapters serving the link-worker app: Riverside
// (the service the GP refers to) and Eastfield (another service, which must not see the case).

const BACKEND_CLIENT = 'linkwell-adapter-e2e';
const SIGN_IN_CLIENT = 'linkwell-link-worker-app';

export interface LoopHarness {
  ehr: EhrSandbox;
  gpApp: SmartAppServer;
  riverside: RunningAdapter;
  eastfield: RunningAdapter;
  browser: Browser;
  stop(): Promise<void>;
}

function clients(gpUrl: string, adapterUrls: readonly string[], jwks: object): object[] {
  return [
    {
      client_id: 'linkwell-gp-app',
      launch_uri: `${gpUrl}/launch.html`,
      redirect_uris: [`${gpUrl}/`],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      smart_scope_contexts: ['patient', 'user'],
    },
    {
      client_id: BACKEND_CLIENT,
      jwks,
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'RS384',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      smart_scope_contexts: ['system'],
    },
    {
      client_id: SIGN_IN_CLIENT,
      redirect_uris: adapterUrls.map((url) => `${url}/auth/callback`),
      // Each adapter's API is a resource its access tokens are issued for (aud = its public URL).
      allowed_resources: adapterUrls,
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      smart_scope_contexts: [],
    },
  ];
}

async function startServiceAdapter(
  ehr: EhrSandbox,
  port: number,
  serviceOrg: string,
  dataDir: string,
  webAppDir: string,
  extraEnv: Record<string, string> = {},
): Promise<RunningAdapter> {
  const config = loadConfig({
    ADAPTER_PORT: String(port),
    ADAPTER_FHIR_BASE: ehr.fhirBase,
    ADAPTER_CLIENT_ID: BACKEND_CLIENT,
    ADAPTER_SERVICE_ORG: serviceOrg,
    ADAPTER_DATA_DIR: dataDir,
    // Polling only: a rest-hook Subscription would outlive this test in the shared HAPI.
    ADAPTER_SUBSCRIBE: 'false',
    ADAPTER_POLL_SECONDS: '1',
    ADAPTER_SYNC_SECONDS: '1',
    ...extraEnv,
  });
  return startAdapter(config, { log: silentLogger, inMemory: true, webAppDir });
}

/** `riversideEnv` adds to the Riverside adapter's environment (e.g. a directory feed). */
export async function startLoopHarness(
  riversideEnv: Record<string, string> = {},
): Promise<LoopHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'linkwell-e2e-loop-'));
  const [gpDist, webAppDir] = await Promise.all([
    ensureSmartAppBuilt(),
    ensureLinkWorkerAppBuilt(),
  ]);
  const [gpPort, riversidePort, eastfieldPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const gpApp = await serveSmartApp({ port: gpPort, distDir: gpDist });
  // Both adapters share one key (their databases are in memory), so one backend client fits both.
  const key = loadOrCreateKey(join(dir, 'adapter', 'keys'));
  const adapterUrls = [riversidePort, eastfieldPort].map((p) => `http://localhost:${p}`);
  writeFileSync(
    join(dir, 'clients.json'),
    JSON.stringify({ clients: clients(gpApp.url, adapterUrls, key.jwks) }),
  );
  const ehr = await startEhrSandbox({
    fhirUpstream: testFhirBase(),
    clientsFiles: [join(dir, 'clients.json')],
    keysDir: join(dir, 'ehr-keys'),
    loadSeed: false,
  });
  const riverside = await startServiceAdapter(
    ehr,
    riversidePort,
    SEED.linkWorkerService,
    join(dir, 'adapter'),
    webAppDir,
    riversideEnv,
  );
  const eastfield = await startServiceAdapter(
    ehr,
    eastfieldPort,
    SEED.otherLinkWorkerService,
    join(dir, 'adapter'),
    webAppDir,
  );
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  return {
    ehr,
    gpApp,
    riverside,
    eastfield,
    browser,
    stop: async () => {
      await browser.close();
      await eastfield.stop();
      await riverside.stop();
      await ehr.stop();
      await gpApp.close();
    },
  };
}
