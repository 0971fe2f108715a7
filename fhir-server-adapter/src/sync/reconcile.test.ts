import type { Bundle, Goal, Task } from 'fhir/r4';
import type { Database } from '../db/database';
import { openDatabase } from '../db/open';
import { MemoryGateway } from '@linkwell/test-kit';
import { silentLogger } from '../log';
import { CaseStore } from '../store/case-store';
import { SyncStore } from '../store/sync-store';
import { OutboundSync } from './outbound';
import { LW, accept, emptyStore, goal, seedCase } from './plan-fixtures';
import { FhirGatewayError } from '../fhir/gateway';
import type { PlanOptions } from './plan';
import { locationParts, narrowDown, placements, recordSuccess } from './reconcile';
import type { RecordChanges } from './units';
import type { WriteUnit } from './units';

// RECONCILE: what the server answered goes back into the store; conflicts merge, never overwrite.
let db: Database;
let gateway: MemoryGateway;
let cases: CaseStore;
let sync: SyncStore;
const outbound = () => new OutboundSync(cases, sync, gateway, silentLogger, { batchSize: 50 });

beforeAll(async () => {
  db = await openDatabase({ inMemory: true });
}, 60_000);
afterAll(() => db.close());

beforeEach(async () => {
  await emptyStore(db);
  gateway = new MemoryGateway();
  cases = new CaseStore(db);
  sync = new SyncStore(db);
});

describe('reconcile', () => {
  it('reads type, id and version from relative and absolute locations', () => {
    expect(locationParts('Goal/12/_history/3')).toEqual(['Goal', '12', '3']);
    expect(locationParts('http://x/fhir/Task/t-1/_history/2')).toEqual(['Task', 't-1', '2']);
    expect(locationParts('nonsense')).toEqual([]);
  });

  it('stores the ids and versions the server gave and marks the rows done', async () => {
    const caseId = await seedCase(cases, db, gateway, 't1');
    await cases.addGoal(goal(caseId, 'A goal'));
    const [change] = await sync.pending(10);
    const unit: WriteUnit = {
      kind: 'goal',
      recordId: change?.recordId ?? '',
      caseId,
      seqs: [change?.seq ?? 0],
      hash: 'h1',
      entries: [
        {
          fullUrl: 'urn:uuid:00000000-0000-4000-8000-000000000001',
          request: { method: 'POST', url: 'Goal' },
        },
        { fullUrl: 'Provenance/p1', request: { method: 'PUT', url: 'Provenance/p1' } },
      ],
    };
    const response: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction-response',
      entry: [
        { response: { status: '201', location: 'Goal/77/_history/1' } },
        { response: { status: '201', location: 'Provenance/p1/_history/1' } },
      ],
    };
    expect([...placements([unit], response)]).toEqual([
      ['urn:uuid:00000000-0000-4000-8000-000000000001', 'Goal/77'],
    ]);
    const report = { written: 0, changesDone: 0 };
    await recordSuccess(sync, [unit], response, report);
    expect(report).toEqual({ written: 2, changesDone: 1 });
    expect(await sync.links('goal', unit.recordId)).toEqual([
      {
        kind: 'goal',
        recordId: unit.recordId,
        resourceType: 'Goal',
        fhirId: '77',
        versionId: '1',
        contentHash: 'h1',
      },
    ]);
    expect(await sync.pendingCount()).toBe(0);
  });

  it('on a conflict over a Goal re-reads it and lays our fields over the newer copy', async () => {
    const caseId = await seedCase(cases, db, gateway, 't1');
    await accept(cases, caseId);
    const record = await cases.addGoal(goal(caseId, 'Walk daily'));
    await outbound().run();
    const [server] = gateway.all<Goal & { id: string }>('Goal');
    if (server === undefined) throw new Error('no goal written');
    // Someone else updates the Goal on the server (version 2) after our sync.
    gateway.resources.set(`Goal/${server.id}`, {
      ...server,
      note: [{ text: 'Added in the EHR' }],
      meta: { versionId: '2' },
    });
    await cases.updateGoal(record, { lifecycleStatus: 'completed', achievement: 'achieved' }, LW);
    const report = await outbound().run();
    expect(report).toMatchObject({ held: 0, stalled: false });
    expect(gateway.resources.get(`Goal/${server.id}`)).toMatchObject({
      lifecycleStatus: 'completed',
      note: [{ text: 'Added in the EHR' }],
      meta: { versionId: '3' },
    });
    expect((await sync.links('goal', record.id))[0]?.versionId).toBe('3');
    expect(gateway.all<Task>('Task')[0]?.output).toHaveLength(1);
  });

  it("narrows a refusal down to the one record and holds it with the server's words", async () => {
    const groups: RecordChanges[] = ['a', 'b', 'bad', 'c', 'd'].map((id, i) => ({
      kind: 'goal',
      recordId: id,
      caseId: 'c1',
      seqs: [i],
      linkWorker: LW,
    }));
    const refusal = new FhirGatewayError(422, 'HTTP 422', {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'invalid', diagnostics: 'Goal.target: bad' }],
    });
    /** The record sets that went through, each once. */
    const sent: string[][] = [];
    const held: { record: string; message: string }[] = [];
    const steps = {
      retry: (part: readonly RecordChanges[], options: PlanOptions) => {
        if (!part.some((g) => g.recordId === 'bad')) {
          sent.push(part.map((g) => g.recordId));
          return Promise.resolve('ok' as const);
        }
        return narrowDown(part, refusal, options, steps);
      },
      hold: (h: { change: RecordChanges; message: string }) => {
        held.push({ record: h.change.recordId, message: h.message });
        return Promise.resolve();
      },
    };
    expect(await narrowDown(groups, refusal, {}, steps)).toBe('ok');
    expect(held).toEqual([{ record: 'bad', message: 'Goal.target: bad' }]);
    expect(sent.flat().sort()).toEqual(['a', 'b', 'c', 'd']);
  });
});
