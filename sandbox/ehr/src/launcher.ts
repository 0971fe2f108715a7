import { join } from 'node:path';
import { freePort, startService } from '@linkwell/service-kit';
import { REPO_ROOT } from './config';

export interface EhrSandboxOptions {
  /** HAPI's FHIR base (EHR_FHIR_UPSTREAM). */
  fhirUpstream: string;
  /** Port to listen on; a free one when absent. */
  port?: number;
  /** Client registration files (EHR_CLIENTS_FILE); the default clients.json when absent. */
  clientsFiles?: string[];
  /** Where keys live (EHR_KEYS_DIR). */
  keysDir?: string;
  /** Load the seed Bundles into HAPI at start (EHR_LOAD_SEED, default true). */
  loadSeed?: boolean;
  /** Further EHR_* variables, e.g. EHR_CODE_TTL_SECONDS. */
  env?: Record<string, string>;
  /** Receives each log line of the sandbox; silent when absent. */
  log?: (line: string) => void;
  startTimeoutMs?: number;
}

export interface EhrSandbox {
  baseUrl: string;
  fhirBase: string;
  port: number;
  stop(): Promise<void>;
}

const TSX = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const MAIN = join(__dirname, 'main.ts');

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/** Starts the sandbox as a child process (`tsx src/main.ts`) and resolves once discovery answers. */
export async function startEhrSandbox(options: EhrSandboxOptions): Promise<EhrSandbox> {
  const port = options.port ?? (await freePort());
  const baseUrl = `http://localhost:${port}`;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    EHR_PORT: String(port),
    EHR_PUBLIC_URL: baseUrl,
    EHR_FHIR_UPSTREAM: options.fhirUpstream,
    EHR_LOAD_SEED: String(options.loadSeed ?? true),
    EHR_EXIT_WITH_PARENT: 'stdin',
    ...(options.clientsFiles ? { EHR_CLIENTS_FILE: options.clientsFiles.join(',') } : {}),
    ...(options.keysDir !== undefined ? { EHR_KEYS_DIR: options.keysDir } : {}),
    ...options.env,
  };
  // Its own process group, so stopping it (or this process dying) takes tsx's node child along.
  const child = startService(TSX, [MAIN], { cwd: REPO_ROOT, env, log: options.log });
  const stop = (): Promise<void> => child.stop(5000);
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (!child.running())
      throw new Error(`The EHR sandbox exited during start:\n${child.output()}`);
    if (await answers(`${baseUrl}/fhir/.well-known/smart-configuration`)) {
      return { baseUrl, fhirBase: `${baseUrl}/fhir`, port, stop };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`The EHR sandbox did not answer within the start timeout:\n${child.output()}`);
}
