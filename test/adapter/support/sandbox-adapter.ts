import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEhrSandbox, type EhrSandbox } from '@linkwell/ehr-sandbox';
import {
  loadConfig,
  loadOrCreateKey,
  silentLogger,
  startAdapter,
  type RunningAdapter,
  type StartOptions,
} from '@linkwell/fhir-server-adapter';

export interface SandboxAdapter {
  readonly ehr: EhrSandbox;
  readonly adapter: RunningAdapter;
  stop(): Promise<void>;
}

/** The EHR sandbox's registration of a SMART Backend Services client signing with these keys. */
export function backendClient(clientId: string, jwks: unknown): Record<string, unknown> {
  return {
    client_id: clientId,
    jwks,
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: 'RS384',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    smart_scope_contexts: ['system'],
  };
}

/**
 * An EHR sandbox (SMART authorization server and scope-enforcing proxy in front of the run's HAPI)
 * with this adapter's key registered, and the adapter talking to FHIR through it with SMART
 * Backend Services. `publicUrl` is where HAPI delivers rest-hook notifications.
 */
export async function startSandboxAdapter(input: {
  serviceOrg: string;
  publicUrl?: string;
  options?: StartOptions;
}): Promise<SandboxAdapter> {
  const dir = mkdtempSync(join(tmpdir(), 'linkwell-sandbox-adapter-'));
  const clientId = `test-adapter-${input.serviceOrg}`;
  const key = loadOrCreateKey(join(dir, 'data', 'keys'));
  writeFileSync(
    join(dir, 'clients.json'),
    JSON.stringify({ clients: [backendClient(clientId, key.jwks)] }),
  );
  const ehr = await startEhrSandbox({
    fhirUpstream: process.env.LINKWELL_TEST_FHIR_BASE ?? '',
    clientsFiles: [join(dir, 'clients.json')],
    keysDir: join(dir, 'ehr-keys'),
    ...(process.env.LINKWELL_TEST_EHR_LOG === '1'
      ? { log: (line: string) => process.stderr.write(`[ehr] ${line}\n`) }
      : {}),
  });
  try {
    const config = loadConfig({
      ADAPTER_PORT: '1',
      ADAPTER_FHIR_BASE: ehr.fhirBase,
      ADAPTER_FHIR_AUTH: 'smart',
      ADAPTER_CLIENT_ID: clientId,
      ADAPTER_SERVICE_ORG: input.serviceOrg,
      ADAPTER_DATA_DIR: join(dir, 'data'),
      ...(input.publicUrl === undefined ? {} : { ADAPTER_PUBLIC_URL: input.publicUrl }),
    });
    const adapter = await startAdapter(
      { ...config, port: 0 },
      { log: silentLogger, inMemory: true, timers: false, ...input.options },
    );
    return {
      ehr,
      adapter,
      async stop() {
        await adapter.unsubscribe().catch(() => undefined);
        await adapter.stop();
        await ehr.stop();
      },
    };
  } catch (error) {
    await ehr.stop();
    throw error;
  }
}

/** Resolves when `check` gives a value, trying every `everyMs` until `withinMs` have passed. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  withinMs = 30_000,
  everyMs = 100,
): Promise<T> {
  const until = Date.now() + withinMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`not seen within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
