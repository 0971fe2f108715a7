import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

// An adapter as its own operating-system process (src/main.ts, as `npm start` runs it), its
// JSON log lines collected for the test to read.
const ROOT = join(__dirname, '..', '..', '..');

export interface AdapterProcess {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
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
  // Node itself with tsx's loader (not the tsx CLI, which would run the adapter in a grandchild
  // that a SIGKILL of its parent leaves running).
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'fhir-server-adapter', 'src', 'main.ts')],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ADAPTER_PORT: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: Record<string, unknown>[] = [];
  const watchers = new Set<() => void>();
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const part of parts) {
      if (!part.startsWith('{')) continue;
      lines.push(JSON.parse(part) as Record<string, unknown>);
    }
    for (const watcher of watchers) watcher();
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  return {
    name,
    url: `http://localhost:${port}`,
    child,
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
          reject(new Error(`adapter ${name}: no matching log line in ${ms} ms; stderr: ${stderr}`));
        }, ms);
        watchers.add(check);
        check();
      });
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
