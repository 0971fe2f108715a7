import { runCommand, startService } from './processes';

// Real child processes: the exit code and output of a command, and a service stopped together
// with the process it started itself (its whole process group).

const node = process.execPath;
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('runCommand', () => {
  it('gives the exit code and what the command printed on both streams', async () => {
    const result = await runCommand(node, [
      '-e',
      "process.stdout.write('out '); process.stderr.write('err'); process.exit(3)",
    ]);
    expect(result).toEqual({ code: 3, output: 'out err' });
  });

  it('reports a command that cannot start instead of throwing', async () => {
    const result = await runCommand('/nonexistent/linkwell-command', []);
    expect(result.code).toBeNull();
    expect(result.output).toMatch(/ENOENT/);
  });
});

describe('startService', () => {
  it('stops the whole process group, grandchildren included', async () => {
    // The service starts a grandchild that would outlive a plain kill of its parent.
    const script = `
      const { spawn } = require('node:child_process');
      const g = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      console.log('grandchild ' + g.pid);
      setInterval(() => {}, 1000);`;
    const lines: string[] = [];
    const service = startService(node, ['-e', script], { log: (line) => lines.push(line) });
    for (let i = 0; i < 100 && lines.length === 0; i += 1)
      await new Promise((r) => setTimeout(r, 50));
    const grandchild = Number(/grandchild (\d+)/.exec(lines.join('\n'))?.[1]);
    expect(alive(grandchild)).toBe(true);
    expect(service.running()).toBe(true);
    await service.stop(2000);
    expect(service.running()).toBe(false);
    for (let i = 0; i < 40 && alive(grandchild); i += 1)
      await new Promise((r) => setTimeout(r, 50));
    expect(alive(grandchild)).toBe(false);
  });

  it('kills a service that ignores SIGTERM once the grace period is over', async () => {
    const service = startService(node, [
      '-e',
      "process.on('SIGTERM', () => {}); console.log('up'); setInterval(() => {}, 1000)",
    ]);
    for (let i = 0; i < 100 && !service.output().includes('up'); i += 1)
      await new Promise((r) => setTimeout(r, 50));
    await service.stop(300);
    expect(service.running()).toBe(false);
  });
});
