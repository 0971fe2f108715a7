import type { Database } from '../db/database';
import { openDatabase } from '../db/open';
import { silentLogger } from '../log';
import { LeaseStore } from '../store/lease-store';
import { Lease } from './lease';

// The heartbeat's decisions: duties taken up once per tenure, retried when they fail, given up
// when another process holds the lease.
let db: Database;
let store: LeaseStore;

beforeAll(async () => {
  db = await openDatabase({ inMemory: true });
  store = new LeaseStore(db);
}, 60_000);
afterAll(() => db.close());
beforeEach(() => db.query('TRUNCATE leases'));

function lease(holder: string, acquired: () => Promise<void>, lost: () => void = () => undefined) {
  // A long ttl: the interval never fires during a test; beats are driven by hand.
  return new Lease(store, 'inbound', holder, 3600, silentLogger, { acquired, lost });
}

it('takes up the duties once, and a survivor takes over when the holder lapses', async () => {
  const duties: string[] = [];
  const lost: string[] = [];
  const a = lease(
    'a',
    () => Promise.resolve(void duties.push('a')),
    () => void lost.push('a'),
  );
  const b = lease('b', () => Promise.resolve(void duties.push('b')));
  expect(await a.start()).toBe(true);
  expect(await b.start()).toBe(false);
  await a.beat();
  expect(duties).toEqual(['a']);
  await db.query("UPDATE leases SET until = now() - interval '1 second'");
  expect(await b.beat()).toBe(true);
  expect(await a.beat()).toBe(false);
  expect(duties).toEqual(['a', 'b']);
  expect(lost).toEqual(['a']);
  expect([a.held, b.held]).toEqual([false, true]);
  await a.stop();
  await b.stop();
  expect(await store.holderOf('inbound')).toBeUndefined();
});

it('tries failed duties again on the next beat', async () => {
  let calls = 0;
  const a = lease('a', () => {
    calls += 1;
    return calls === 1 ? Promise.reject(new Error('FHIR server away')) : Promise.resolve();
  });
  await a.start();
  await a.beat();
  await a.beat();
  expect(calls).toBe(2);
  await a.stop();
});
