import { silentLogger } from '../log';
import { EndpointsOutbound } from './endpoints-outbound';
import type { OutboundSync, SyncReport } from './outbound';

const report = (patch: Partial<SyncReport> = {}): SyncReport => ({
  written: 0,
  requests: 0,
  changesDone: 0,
  held: 0,
  stalled: false,
  ...patch,
});

/** An endpoint's sync that answers what the test says, and counts its runs. */
function fakeSync(answer: () => Promise<SyncReport>): OutboundSync & { runs: number } {
  const fake = {
    runs: 0,
    run() {
      fake.runs += 1;
      return answer();
    },
  };
  return fake as unknown as OutboundSync & { runs: number };
}

describe('EndpointsOutbound', () => {
  it('drains every endpoint side by side: a slow, failing one holds back no other', async () => {
    let releaseDown: (r: SyncReport) => void = () => undefined;
    const down = fakeSync(() => new Promise((resolve) => (releaseDown = resolve)));
    const up = fakeSync(() => Promise.resolve(report({ changesDone: 3, written: 6, requests: 1 })));
    let now = 1_000;
    const outbound = new EndpointsOutbound(
      new Map([
        ['down', down],
        ['up', up],
      ]),
      10_000,
      silentLogger,
      () => now,
    );
    const running = outbound.run();
    // The healthy endpoint finished while the other is still retrying.
    await new Promise((r) => setImmediate(r));
    expect(up.runs).toBe(1);
    releaseDown(report({ stalled: true }));
    expect(await running).toEqual(
      report({ changesDone: 3, written: 6, requests: 1, stalled: true }),
    );
    expect(outbound.waiting()).toEqual(new Map([['down', 11_000]]));

    // Scheduled runs skip the waiting endpoint and keep draining the other.
    expect((await outbound.tick()).stalled).toBe(false);
    expect([down.runs, up.runs]).toEqual([1, 2]);

    // After the wait it is tried again; a second failure waits twice as long.
    now = 11_000;
    const again = outbound.tick();
    await new Promise((r) => setImmediate(r));
    releaseDown(report({ stalled: true }));
    await again;
    expect(down.runs).toBe(2);
    expect(outbound.waiting()).toEqual(new Map([['down', 31_000]]));

    // A run that gets through ends the wait.
    now = 31_000;
    const back = outbound.tick();
    await new Promise((r) => setImmediate(r));
    releaseDown(report({ changesDone: 2 }));
    expect((await back).changesDone).toBe(5);
    expect(outbound.waiting().size).toBe(0);
  });

  it('lets every endpoint finish before an error surfaces', async () => {
    const broken = fakeSync(() => Promise.reject(new Error('COMMIT failed')));
    const fine = fakeSync(() => Promise.resolve(report({ changesDone: 1 })));
    const outbound = new EndpointsOutbound(
      new Map([
        ['broken', broken],
        ['fine', fine],
      ]),
      1000,
      silentLogger,
    );
    await expect(outbound.run()).rejects.toThrow('COMMIT failed');
    expect(fine.runs).toBe(1);
    expect(() => outbound.forEndpoint('elsewhere')).toThrow(/no EHR endpoint "elsewhere"/);
  });
});

describe('EndpointsOutbound while a run is retrying', () => {
  it('counts one failure for one stalled run, however many ticks came meanwhile', async () => {
    let release: (r: SyncReport) => void = () => undefined;
    const down = fakeSync(() => new Promise((resolve) => (release = resolve)));
    const outbound = new EndpointsOutbound(new Map([['down', down]]), 5_000, silentLogger, () => 0);
    // The sync timer ticks every second while one run retries for a while.
    const ticks = Array.from({ length: 19 }, () => outbound.tick());
    await new Promise((r) => setImmediate(r));
    expect(down.runs).toBe(1);
    release(report({ stalled: true }));
    await Promise.all(ticks);
    // One failure: the first wait, not 19 doublings (which had reached the cap).
    expect(outbound.waiting()).toEqual(new Map([['down', 5_000]]));
  });

  it('never waits more than a minute between attempts', async () => {
    let now = 0;
    const down = fakeSync(() => Promise.resolve(report({ stalled: true })));
    const outbound = new EndpointsOutbound(
      new Map([['down', down]]),
      5_000,
      silentLogger,
      () => now,
    );
    for (let i = 0; i < 12; i += 1) {
      await outbound.run();
      now += 1;
    }
    expect(outbound.waiting().get('down')).toBe(now - 1 + 60_000);
  });

  it('asks a waiting endpoint each tick whether it is back, and drains it as soon as it answers', async () => {
    let answering = false;
    const asked: string[] = [];
    let down = true;
    const ehr = fakeSync(() =>
      Promise.resolve(report(down ? { stalled: true } : { changesDone: 7 })),
    );
    const outbound = new EndpointsOutbound(
      new Map([['ehr', ehr]]),
      30_000,
      silentLogger,
      () => 0,
      (id) => {
        asked.push(id);
        return Promise.resolve(answering);
      },
    );
    await outbound.run();
    expect(outbound.waiting().get('ehr')).toBe(30_000);
    // Still down: the probe says no, and the run waits.
    await outbound.tick();
    expect([asked.length, ehr.runs]).toEqual([1, 1]);
    // Back long before its wait is over: the next tick drains it.
    answering = true;
    down = false;
    expect((await outbound.tick()).changesDone).toBe(7);
    expect([asked.length, ehr.runs]).toEqual([2, 2]);
    expect(outbound.waiting().size).toBe(0);
    // No longer waiting: no probes, just runs.
    await outbound.tick();
    expect([asked.length, ehr.runs]).toEqual([2, 3]);
  });

  it('asks one question at a time of a server that is slow to answer', async () => {
    let answer: (back: boolean) => void = () => undefined;
    let asked = 0;
    const ehr = fakeSync(() => Promise.resolve(report({ stalled: true })));
    const outbound = new EndpointsOutbound(
      new Map([['ehr', ehr]]),
      30_000,
      silentLogger,
      () => 0,
      () => {
        asked += 1;
        return new Promise((resolve) => (answer = resolve));
      },
    );
    await outbound.run();
    const ticks = [outbound.tick(), outbound.tick(), outbound.tick()];
    await new Promise((r) => setImmediate(r));
    expect(asked).toBe(1);
    answer(false);
    await Promise.all(ticks);
    expect(ehr.runs).toBe(1);
  });

  it('runs once more for a run asked for while a tick is under way, but ticks join it', async () => {
    let release: (r: SyncReport) => void = () => undefined;
    const ehr = fakeSync(() => new Promise((resolve) => (release = resolve)));
    const outbound = new EndpointsOutbound(new Map([['ehr', ehr]]), 5_000, silentLogger, () => 0);
    const tick = outbound.tick();
    const joined = outbound.tick();
    const asked = outbound.run();
    await new Promise((r) => setImmediate(r));
    expect(ehr.runs).toBe(1);
    release(report({ changesDone: 1 }));
    expect((await tick).changesDone).toBe(1);
    expect((await joined).changesDone).toBe(1);
    // The tick's run may have claimed before the caller's changes were queued: a run of its own.
    await new Promise((r) => setImmediate(r));
    expect(ehr.runs).toBe(2);
    release(report({ changesDone: 4 }));
    // Its answer counts both: the tick's run may have written some of the caller's changes.
    expect((await asked).changesDone).toBe(5);
  });
});
