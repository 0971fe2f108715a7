import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  loadConfig,
  silentLogger,
  startAdapter,
  type RunningAdapter,
  type StartOptions,
} from '@linkwell/fhir-server-adapter';

/** Starts an adapter on a free port against `fhirBase`, its data in a temp folder. */
export function startTestAdapter(
  fhirBase: string,
  serviceOrg: string,
  env: Record<string, string> = {},
  options: StartOptions = {},
): Promise<RunningAdapter> {
  const config = loadConfig({
    ADAPTER_PORT: '1',
    ADAPTER_FHIR_BASE: fhirBase,
    ADAPTER_FHIR_AUTH: 'none',
    ADAPTER_SERVICE_ORG: serviceOrg,
    ADAPTER_DATA_DIR: mkdtempSync(join(tmpdir(), 'linkwell-adapter-')),
    ...env,
  });
  return startAdapter(
    { ...config, port: 0 },
    { log: silentLogger, inMemory: true, timers: false, ...options },
  );
}

/** A JSON request to the adapter's API; never throws on status. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- callers name the body type
export async function api<T = Record<string, unknown>>(
  adapter: { url: string },
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${adapter.url}${path}`, {
    method,
    headers: {
      authorization: 'Bearer test',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
}
