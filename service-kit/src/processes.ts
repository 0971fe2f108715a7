import { spawn } from 'node:child_process';

// The one way Linkwell starts and stops other programs: a command run to completion (Maven, Vite,
// pg_ctl), or a long-running service (HAPI's JVM, the EHR sandbox) in a process group of its own,
// stopped with SIGTERM to the whole group, SIGKILL after a grace period, and never left behind when
// this process exits.

export interface CommandResult {
  /** The exit code; null when the command could not start or was killed by a signal. */
  readonly code: number | null;
  /** stdout and stderr together (the end of it, when long). */
  readonly output: string;
}

export interface ProcessOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Characters of output kept (default 32 KiB). */
  readonly keep?: number;
  /** Each output line as it arrives. */
  readonly log?: (line: string) => void;
}

/** The last lines of a long output, for error messages. */
export function tail(output: string, lines = 30): string {
  return output.trimEnd().split('\n').slice(-lines).join('\n');
}

/** Runs a command to completion, capturing its output; never throws on the exit code. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: ProcessOptions = {},
): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = collector(options);
    child.stdout.on('data', output.add);
    child.stderr.on('data', output.add);
    child.on('error', (error) => {
      resolve({ code: null, output: error.message });
    });
    child.on('close', (code) => {
      resolve({ code, output: output.text() });
    });
  });
}

export interface ServiceProcess {
  readonly pid: number;
  /** True until the process exits. */
  running(): boolean;
  /** What it printed so far (the end of it). */
  output(): string;
  /** Resolves when it exits. */
  readonly exited: Promise<void>;
  /** SIGTERM to its process group, SIGKILL after `graceMs` (default 10 s); resolves on exit. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL to its process group at once (a crash, for tests of what survives one). */
  kill(): Promise<void>;
}

/**
 * Starts a long-running program in its own process group, with stdin kept open as a pipe (a child
 * that watches stdin can exit with its parent however the parent dies).
 */
export function startService(
  command: string,
  args: readonly string[],
  options: ProcessOptions = {},
): ServiceProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  const output = collector(options);
  child.stdout.on('data', output.add);
  child.stderr.on('data', output.add);
  let alive = child.pid !== undefined;
  const signal = (name: NodeJS.Signals): void => {
    if (!alive || child.pid === undefined) return;
    try {
      process.kill(-child.pid, name);
    } catch {
      // The group is already gone.
    }
  };
  const killOnExit = (): void => {
    signal('SIGKILL');
  };
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => {
    const done = (): void => {
      alive = false;
      process.removeListener('exit', killOnExit);
      resolve();
    };
    child.once('exit', done);
    child.once('error', (error) => {
      output.add(Buffer.from(error.message));
      done();
    });
  });
  return {
    pid: child.pid ?? -1,
    running: () => alive,
    output: output.text,
    exited,
    async stop(graceMs = 10_000) {
      if (!alive) return;
      const killer = setTimeout(() => {
        signal('SIGKILL');
      }, graceMs);
      signal('SIGTERM');
      await exited;
      clearTimeout(killer);
    },
    async kill() {
      signal('SIGKILL');
      await exited;
    },
  };
}

function collector(options: ProcessOptions): { add: (chunk: Buffer) => void; text: () => string } {
  const keep = options.keep ?? 32_768;
  let text = '';
  // A line can arrive in two chunks: only whole lines go to the log.
  let partial = '';
  return {
    add: (chunk) => {
      const piece = chunk.toString();
      text = (text + piece).slice(-keep);
      if (!options.log) return;
      const lines = (partial + piece).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line !== '') options.log(line);
    },
    text: () => text,
  };
}
