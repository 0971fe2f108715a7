import { join } from 'node:path';
import { startService } from '@linkwell/service-kit';

// An adapter as its own operating-system process (src/main.ts, as `npm start` runs it), its
// JSON log lines collected for the test to read.
const ROOT = join(__dirname, '..', '..', '..');

export interface AdapterProcess {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  /** Every JSON log line so far. */
  readonly lines: Record<string, unknown>[];
  /** Resolves when a log line matches. */
  waitFor(match: (line: Record<string, unknown>) => boolean, ms?: number): Promise<void>;
  /** SIGKILL: no clean stop, no lease or claim handed back. */
  kill(): Promise<void>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
}

export function startAdapterProcess(
  name: string,
  port: number,
  env: Record<string, string>,
): AdapterProcess {
  // Node itself with tsx's loader, in its own process group (so a kill takes everything along).
  const lines: Record<string, unknown>[] = [];
  const watchers = new Set<() => void>();
  const service = startService(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'fhir-server-adapter', 'src', 'main.ts')],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ADAPTER_PORT: String(port), ...env },
      log: (line) => {
        if (!line.startsWith('{')) return;
        lines.push(JSON.parse(line) as Record<string, unknown>);
        for (const watcher of watchers) watcher();
      },
    },
  );
  const stderr = (): string => service.output().slice(-4000);
  return {
    name,
    url: `http://localhost:${port}`,
    pid: service.pid,
    lines,
    waitFor(match, ms = 120_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (!lines.some(match)) return;
          watchers.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          watchers.delete(check);
          reject(
            new Error(`adapter ${name}: no matching log line in ${ms} ms; output: ${stderr()}`),
          );
        }, ms);
        watchers.add(check);
        check();
      });
    },
    kill: () => service.kill(),
    stop: () => service.stop(),
  };
}
