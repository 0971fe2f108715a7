import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { freePort, portInUse, startService, tail } from '@linkwell/service-kit';
import { ensureHapiBuilt } from './build';
import { HapiLaunchError } from './errors';

/**
 * JVM settings for a use (measured in sandbox/hapi/server/README.md, "JVM options"):
 * - `quick-start`: C1 compiler only (`-XX:TieredStopAtLevel=1`). It starts fastest, and over runs of a few
 *   minutes on a small shared machine it was also the fastest. The default, for tests, `npm start` and benchmarks.
 * - `throughput`: the JVM's default tiered compilation (C1, then C2). It starts slower and spends minutes of CPU
 *   compiling; only for long-running servers or long benchmarks on a quiet machine.
 */
export type HapiJvmProfile = 'quick-start' | 'throughput';

const JVM_FLAGS: Record<HapiJvmProfile, readonly string[]> = {
  'quick-start': ['-XX:TieredStopAtLevel=1'],
  throughput: [],
};

export interface HapiOptions {
  /** Port to listen on; a free one is chosen when absent. */
  port?: number;
  /**
   * `mem` for a fresh in-memory database, a file path (without extension) that keeps data, or a
   * PostgreSQL database (`postgres://user[:password]@host:port/db`, as production HAPI runs on).
   */
  database: 'mem' | { file: string } | { postgres: string };
  /** Folder whose StructureDefinitions, CodeSystems, ValueSets and Questionnaires HAPI loads at start. */
  profilesDir?: string;
  /** Java heap, e.g. `1g`. */
  maxHeap?: string;
  /** JVM settings for the use; `quick-start` (tests, `npm start`) when absent. */
  jvm?: HapiJvmProfile;
  /**
   * How writes claiming a Linkwell profile are validated (same refusals either way): `pooled` reuses
   * validator instances (the default); `per-call` is HAPI's own path, about ten times slower, kept for
   * comparison in benchmarks.
   */
  validation?: 'pooled' | 'per-call';
  /** A prebuilt launcher jar to run instead of building and running sandbox/hapi/server's. */
  jar?: string;
  /** How long to wait for `/fhir/metadata`. */
  startTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface HapiServer {
  baseUrl: string;
  port: number;
  /** The JVM's process id (for example to read its CPU time). */
  pid: number;
  /** Milliseconds from spawning Java to the first successful `/fhir/metadata`. */
  startupMillis: number;
  stop(): Promise<void>;
}

const OUTPUT_KEPT = 64 * 1024;
/** How long HAPI gets to shut down cleanly before SIGKILL. */
const STOP_GRACE_MS = 20_000;

/** The JDBC URL of a `postgres://` URL (user and password as the driver's URL properties). */
export function postgresJdbcUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new HapiLaunchError('The HAPI database must be a postgres:// or postgresql:// URL.');
  }
  const query = new URLSearchParams(parsed.search);
  if (parsed.username !== '') query.set('user', decodeURIComponent(parsed.username));
  if (parsed.password !== '') query.set('password', decodeURIComponent(parsed.password));
  const search = query.toString();
  return `jdbc:postgresql://${parsed.host}${parsed.pathname}${search === '' ? '' : `?${search}`}`;
}

function databaseArg(database: HapiOptions['database']): string {
  if (database === 'mem') return 'mem';
  if ('postgres' in database) return postgresJdbcUrl(database.postgres);
  return `file:${resolve(database.file)}`;
}

function javaArgs(jar: string, port: number, options: HapiOptions): string[] {
  const database = databaseArg(options.database);
  const args = [
    `-Xmx${options.maxHeap ?? '1g'}`,
    ...JVM_FLAGS[options.jvm ?? 'quick-start'],
    '-jar',
    jar,
  ];
  args.push('--port', String(port), '--db', database);
  if (options.profilesDir !== undefined) args.push('--profiles-dir', resolve(options.profilesDir));
  if (options.validation !== undefined) args.push('--validation', options.validation);
  return args;
}

async function metadataAnswers(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/metadata`, { signal: AbortSignal.timeout(5000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/** Builds the launcher if needed, starts HAPI FHIR and resolves once `/fhir/metadata` answers. */
export async function startHapi(options: HapiOptions): Promise<HapiServer> {
  const log = options.log ?? (() => undefined);
  const jar = options.jar === undefined ? (await ensureHapiBuilt(log)).jar : resolve(options.jar);
  const port = options.port ?? (await freePort());
  if (await portInUse(port)) {
    throw new HapiLaunchError(
      `Port ${port} is already in use, so HAPI FHIR cannot start there. Stop what uses it or set HAPI_PORT.`,
    );
  }
  if (options.database !== 'mem' && 'file' in options.database)
    mkdirSync(dirname(resolve(options.database.file)), { recursive: true });

  const baseUrl = `http://localhost:${port}/fhir`;
  const started = Date.now();
  // Its own process group, stdin kept open: the JVM exits when stdin closes, i.e. when this
  // process dies in any way; a stop() is SIGTERM, then SIGKILL after 20 s.
  const child = startService('java', javaArgs(jar, port, options), {
    env: { ...process.env, LINKWELL_EXIT_WITH_PARENT: 'stdin' },
    keep: OUTPUT_KEPT,
  });

  const deadline = started + (options.startTimeoutMs ?? 240_000);
  while (!(await metadataAnswers(baseUrl))) {
    if (!child.running()) {
      throw new HapiLaunchError(`HAPI FHIR exited during start-up:\n${tail(child.output())}`);
    }
    if (Date.now() > deadline) {
      await child.stop(STOP_GRACE_MS);
      throw new HapiLaunchError(
        `HAPI FHIR did not answer ${baseUrl}/metadata in time:\n${tail(child.output())}`,
      );
    }
    await new Promise((wait) => setTimeout(wait, 500));
  }
  const startupMillis = Date.now() - started;
  log(`HAPI FHIR is up at ${baseUrl} (${(startupMillis / 1000).toFixed(1)} s).`);
  const stop = (): Promise<void> => child.stop(STOP_GRACE_MS);
  return { baseUrl, port, pid: child.pid, startupMillis, stop };
}
