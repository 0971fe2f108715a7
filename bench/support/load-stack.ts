import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEhrSandbox, type EhrSandbox } from '@linkwell/ehr-sandbox';
import { loadOrCreateKey, openDatabase, type Database } from '@linkwell/fhir-server-adapter';
import { freePort, startService, type ServiceProcess } from '@linkwell/service-kit';
import { startThrowawayPostgres } from '@linkwell/test-kit';

// The whole stack of the load run, each part in its own process as `npm start` runs them: the
// EHR sandbox (SMART authorization server and scope-enforcing FHIR proxy) in front of HAPI, and the
// adapter (link-worker API, inbound and outbound sync) on a PostgreSQL store of its own, with the
// bench's GP app, backend and sign-in clients registered. The bench reads the store directly
// (outbox, cases) to know when sync has drained.

const ROOT = join(__dirname, '..', '..');
export const GP_CLIENT = 'linkwell-gp-app-load';
export const SIGN_IN_CLIENT = 'linkwell-link-worker-app-load';
const BACKEND_CLIENT = 'linkwell-adapter-load';
// Never served: the flows stop where the browser would leave the sandbox for the app.
export const GP_REDIRECT = 'http://127.0.0.1:9/';
export const GP_LAUNCH_URI = 'http://127.0.0.1:9/launch.html';
export const SIGN_IN_REDIRECT = 'http://127.0.0.1:9/auth/callback';

export interface LoadStack {
  readonly ehr: EhrSandbox;
  readonly adapterUrl: string;
  readonly db: Database;
  /** The adapter's last log lines (for an error message). */
  adapterOutput(): string;
  stop(): Promise<void>;
}

function clients(adapterUrl: string, jwks: object): object[] {
  return [
    {
      client_id: GP_CLIENT,
      launch_uri: GP_LAUNCH_URI,
      redirect_uris: [GP_REDIRECT],
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
      redirect_uris: [SIGN_IN_REDIRECT],
      allowed_resources: [adapterUrl],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      smart_scope_contexts: [],
    },
  ];
}

async function until(what: string, probe: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const answers = async (url: string): Promise<boolean> => {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
};

/** Subscriptions on HAPI whose rest-hook points at `adapterUrl` (a shared HAPI keeps none of ours). */
async function removeSubscriptions(base: string, adapterUrl: string): Promise<void> {
  const found = (await (await fetch(`${base}/Subscription?_count=1000`)).json()) as {
    entry?: { resource?: { id?: string; channel?: { endpoint?: string } } }[];
  };
  for (const entry of found.entry ?? []) {
    if (entry.resource?.channel?.endpoint?.startsWith(adapterUrl) !== true) continue;
    await (
      await fetch(`${base}/Subscription/${entry.resource.id ?? ''}`, { method: 'DELETE' })
    ).arrayBuffer();
  }
}

export async function startLoadStack(base: string, serviceOrg: string): Promise<LoadStack> {
  const dir = mkdtempSync(join(tmpdir(), 'linkwell-load-'));
  const given = process.env.LINKWELL_BENCH_DATABASE_URL ?? '';
  const postgres = given === '' ? await startThrowawayPostgres() : undefined;
  const databaseUrl = postgres?.url ?? given;
  const port = await freePort();
  const adapterUrl = `http://localhost:${port}`;
  const dataDir = join(dir, 'adapter');
  const key = loadOrCreateKey(join(dataDir, 'keys'));
  writeFileSync(
    join(dir, 'clients.json'),
    JSON.stringify({ clients: clients(adapterUrl, key.jwks) }),
  );
  const stops: (() => Promise<void>)[] = [];
  const stop = async (): Promise<void> => {
    for (const step of stops.reverse()) await step().catch(() => undefined);
  };
  if (postgres !== undefined) stops.push(() => postgres.stop());
  try {
    const ehr = await startEhrSandbox({
      fhirUpstream: base,
      clientsFiles: [join(dir, 'clients.json')],
      keysDir: join(dir, 'ehr-keys'),
      loadSeed: false,
    });
    stops.push(() => ehr.stop());
    const adapter: ServiceProcess = startService(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'fhir-server-adapter', 'src', 'main.ts')],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          ADAPTER_PORT: String(port),
          ADAPTER_PUBLIC_URL: adapterUrl,
          ADAPTER_FHIR_BASE: ehr.fhirBase,
          ADAPTER_FHIR_AUTH: 'smart',
          ADAPTER_CLIENT_ID: BACKEND_CLIENT,
          ADAPTER_SERVICE_ORG: serviceOrg,
          ADAPTER_DATA_DIR: dataDir,
          DATABASE_URL: databaseUrl,
          ADAPTER_SIGN_IN_CLIENT_ID: SIGN_IN_CLIENT,
          ADAPTER_API_AUDIENCE: adapterUrl,
          // Live delivery by HAPI's rest-hook Subscription; the catch-up poll as in production.
          ADAPTER_POLL_SECONDS: '30',
          ADAPTER_SYNC_SECONDS: '1',
        },
      },
    );
    stops.push(async () => {
      await adapter.stop();
      await removeSubscriptions(base, adapterUrl);
    });
    await until('the adapter to answer', async () => {
      if (!adapter.running()) throw new Error(`the adapter exited:\n${adapter.output()}`);
      return answers(`${adapterUrl}/.well-known/jwks.json`);
    });
    const db = await openDatabase({ databaseUrl });
    stops.push(() => db.close());
    return {
      ehr,
      adapterUrl,
      db,
      adapterOutput: () => adapter.output().slice(-4000),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
