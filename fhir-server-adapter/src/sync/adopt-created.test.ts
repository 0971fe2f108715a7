import type { Goal, Task } from 'fhir/r4';
import type { Database } from '../db/database';
import { openDatabase } from '../db/open';
import { MemoryGateway } from '@linkwell/test-kit';
import { silentLogger } from '../log';
import { CaseStore } from '../store/case-store';
import { SyncStore } from '../store/sync-store';
import { OutboundSync } from './outbound';
import { LW, accept, emptyStore, goal, seedCase } from './plan-fixtures';
import { DirectoryNames } from './plan-names';

// A run whose writes reached the server but whose bookkeeping was lost (its process was killed
// after the transaction, before the store noted it): the next run adopts what is there.
let db: Database;

beforeAll(async () => {
  db = await openDatabase({ inMemory: true });
}, 60_000);
afterAll(() => db.close());

it.each([
  ['the Task snapshot from before the run (a conflict on the Task)', 'before'],
  ['the Task snapshot a poll brought since (no conflict)', 'server'],
])('replays a lost run with %s: no second Goal, no second output', async (_name, snapshot) => {
  await emptyStore(db);
  const gateway = new MemoryGateway();
  gateway.put({ resourceType: 'Practitioner', id: 'lw-1', name: [{ text: 'Aisha Begum' }] });
  const cases = new CaseStore(db);
  const sync = new SyncStore(db);
  const outbound = new OutboundSync(cases, sync, gateway, silentLogger, {
    batchSize: 50,
    directory: new DirectoryNames(gateway),
  });
  const caseId = await seedCase(cases, db, gateway, 't1');
  await accept(cases, caseId);
  await cases.addGoal(goal(caseId, 'Join the walking group'));
  await cases.addGoal(goal(caseId, 'Visit the library'));
  const before = await db.query<{ task_json: unknown; task_version: string }>(
    'SELECT task_json, task_version FROM cases WHERE id = $1',
    [caseId],
  );
  expect((await outbound.run()).stalled).toBe(false);
  // Forget that the run happened: rows pending again, no links, the old Task snapshot.
  await db.query("UPDATE outbox SET state = 'pending'");
  await db.query('DELETE FROM fhir_links');
  const server = gateway.all<Task>('Task')[0] as Task;
  await db.query('UPDATE cases SET task_json = $2, task_version = $3 WHERE id = $1', [
    caseId,
    snapshot === 'before'
      ? (before[0]?.task_json as Record<string, unknown>)
      : (server as unknown as Record<string, unknown>),
    snapshot === 'before' ? (before[0]?.task_version ?? null) : (server.meta?.versionId ?? null),
  ]);
  const replay = await outbound.run();
  expect(replay).toMatchObject({ stalled: false, held: 0 });
  expect(gateway.all<Goal>('Goal').map((g) => g.meta?.versionId)).toEqual(['1', '1']);
  const task = gateway.all<Task>('Task')[0] as Task;
  const outputs = (task.output ?? []).map((o) => o.valueReference?.reference);
  expect(outputs).toHaveLength(2);
  expect(new Set(outputs)).toEqual(new Set(gateway.all('Goal').map((g) => `Goal/${g.id ?? ''}`)));
  expect(LW).toBe('Practitioner/lw-1');
});
