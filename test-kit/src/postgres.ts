import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { freePort, runCommand, tail } from '@linkwell/service-kit';

// A throwaway PostgreSQL cluster for one test run (Debian's server binaries, installed by
// scripts/install-system-deps.sh): initdb into a temp folder, start on a free port, trust auth.
export interface ThrowawayPostgres {
  url: string;
  stop(): Promise<void>;
}

const BIN_DIRS = [
  '/usr/lib/postgresql/17/bin',
  '/usr/lib/postgresql/16/bin',
  '/usr/lib/postgresql/15/bin',
];

function binDir(): string | undefined {
  return BIN_DIRS.find((dir) => existsSync(join(dir, 'initdb')));
}

/** Runs as the `postgres` user when we are root (initdb refuses root). */
function asPostgres(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
    : [command, args];
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = binDir();
  if (bin === undefined) {
    throw new Error(
      'PostgreSQL server binaries not found: run scripts/install-system-deps.sh, or set LINKWELL_TEST_DATABASE_URL.',
    );
  }
  const root = mkdtempSync(join(tmpdir(), 'linkwell-pg-'));
  const data = join(root, 'data');
  chmodSync(root, 0o777);
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(root, uid, gid);
  }
  const [initdb, initArgs] = asPostgres(join(bin, 'initdb'), [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
  ]);
  const init = await runCommand(initdb, initArgs);
  if (init.code !== 0) throw new Error(`initdb exited ${String(init.code)}:\n${tail(init.output)}`);
  const port = await freePort();
  const [pgctl, startArgs] = asPostgres(join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    join(root, 'log'),
    '-w',
    '-o',
    `-p ${port} -k ${root} -c listen_addresses=localhost -c fsync=off -c full_page_writes=off`,
    'start',
  ]);
  const started = await runCommand(pgctl, startArgs);
  if (started.code !== 0)
    throw new Error(`pg_ctl start exited ${String(started.code)}:\n${tail(started.output)}`);
  return {
    url: `postgres://postgres@localhost:${port}/postgres`,
    async stop() {
      const [stopCmd, stopArgs] = asPostgres(join(bin, 'pg_ctl'), [
        '-D',
        data,
        '-m',
        'immediate',
        '-w',
        'stop',
      ]);
      await runCommand(stopCmd, stopArgs);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
