import type { Bundle, Goal, Task } from 'fhir/r4';
import type { Database } from '../db/database';
import { openDatabase } from '../db/open';
import type * as Gateway from '../fhir/gateway';
import type * as Memory from '@linkwell/test-kit';
import type * as Cases from '../store/case-store';
import type * as Sync from '../store/sync-store';
import { decideAfterFailure, type FailureDecision } from './decision';
import type * as Outbound from './outbound';
import type * as Fixtures from './plan-fixtures';
import type * as Names from './plan-names';

// A mutation check of the sync engine's key decision. Each mutant answers one kind of failure
// wrongly (waits on a refusal, merges on an outage, …); the engine is loaded afresh with the mutant
// in place of the real decision and run through three scenarios. A mutant that passes all three
// would mean the scenarios cannot tell that decision apart, so the suite fails.

interface Modules {
  OutboundSync: typeof Outbound.OutboundSync;
  MemoryGateway: typeof Memory.MemoryGateway;
  FhirGatewayError: typeof Gateway.FhirGatewayError;
  CaseStore: typeof Cases.CaseStore;
  SyncStore: typeof Sync.SyncStore;
  DirectoryNames: typeof Names.DirectoryNames;
  fixtures: typeof Fixtures;
}

const DECISIONS: readonly FailureDecision[] = ['wait', 'merge', 'narrow'];

/** The engine and its collaborators, loaded in a fresh module registry with `decide` in place. */
async function loadWith(
  decide: (error: Gateway.FhirGatewayError, round: number) => FailureDecision,
): Promise<Modules> {
  let modules: Omit<Modules, 'FhirGatewayError'> | undefined;
  jest.isolateModules(() => {
    jest.doMock('./decision', () => ({ decideAfterFailure: decide, MAX_CONFLICT_ROUNDS: 3 }));
    modules = {
      OutboundSync: jest.requireActual<typeof Outbound>('./outbound').OutboundSync,
      MemoryGateway: jest.requireActual<typeof Memory>('@linkwell/test-kit').MemoryGateway,
      CaseStore: jest.requireActual<typeof Cases>('../store/case-store').CaseStore,
      SyncStore: jest.requireActual<typeof Sync>('../store/sync-store').SyncStore,
      DirectoryNames: jest.requireActual<typeof Names>('./plan-names').DirectoryNames,
      fixtures: jest.requireActual<typeof Fixtures>('./plan-fixtures'),
    };
  });
  jest.dontMock('./decision');
  if (modules === undefined) throw new Error('modules did not load');
  // The error class the engine checks with instanceof: the one its gateway module throws.
  const probe = new modules.MemoryGateway();
  probe.failNext(500);
  let thrown: unknown;
  try {
    await probe.read('Task', 'x');
  } catch (error) {
    thrown = error;
  }
  return {
    ...modules,
    FhirGatewayError: (thrown as object).constructor as Modules['FhirGatewayError'],
  };
}

let db: Database;
beforeAll(async () => {
  db = await openDatabase({ inMemory: true });
}, 60_000);
afterAll(() => db.close());

/** One scenario's verdict: true when the engine did what the scenario expects. */
type Scenario = (m: Modules) => Promise<boolean>;

async function world(m: Modules) {
  await m.fixtures.emptyStore(db);
  const gateway = new m.MemoryGateway();
  gateway.put({ resourceType: 'Practitioner', id: 'lw-1', name: [{ text: 'Aisha Begum' }] });
  const cases = new m.CaseStore(db);
  const sync = new m.SyncStore(db);
  const directory = new m.DirectoryNames(gateway);
  await directory.nameOf(m.fixtures.LW);
  // A mutant may loop (merging forever): after a bounded number of requests the gateway gives up
  // with an error that is not a FHIR answer, which the engine does not catch.
  let requests = 0;
  for (const method of ['transaction', 'read'] as const) {
    const real = gateway[method].bind(gateway) as (...args: unknown[]) => Promise<never>;
    (gateway as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      requests += 1;
      if (requests > 40) return Promise.reject(new Error('runaway sync'));
      return real(...args);
    };
  }
  const caseId = await m.fixtures.seedCase(cases, db, gateway, 't1');
  await m.fixtures.accept(cases, caseId);
  const outbound = new m.OutboundSync(cases, sync, gateway, silent, {
    batchSize: 50,
    directory,
    maxRetries: 2,
    sleep: () => Promise.resolve(),
  });
  return { gateway, cases, sync, caseId, outbound };
}

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The server answers reads but not writes (503): nothing held or lost, the change waits. */
const outage: Scenario = async (m) => {
  const { gateway, sync, outbound } = await world(m);
  gateway.transaction = () =>
    Promise.reject(new m.FhirGatewayError(503, 'HTTP 503 Service Unavailable'));
  const report = await outbound.run();
  return report.stalled && report.held === 0 && (await sync.pendingCount()) === 1;
};

/** The GP changed the Task meanwhile: ours is merged onto theirs, nothing held or overwritten. */
const conflict: Scenario = async (m) => {
  const { gateway, outbound } = await world(m);
  const server = gateway.resources.get('Task/t1') as Task;
  gateway.resources.set('Task/t1', {
    ...server,
    note: [{ text: 'GP note' }],
    meta: { versionId: '2' },
  });
  const report = await outbound.run();
  const task = gateway.resources.get('Task/t1') as Task;
  return report.held === 0 && task.status === 'accepted' && task.note?.[0]?.text === 'GP note';
};

/** The server refuses one goal: it alone is held with the server's words, the rest is written. */
const refusal: Scenario = async (m) => {
  const { gateway, cases, sync, caseId, outbound } = await world(m);
  const transaction = gateway.transaction.bind(gateway);
  gateway.transaction = (bundle: Bundle) => {
    const poisoned = (bundle.entry ?? []).some((e) => {
      const goal = e.resource?.resourceType === 'Goal' ? (e.resource as Goal) : undefined;
      return goal?.description.text?.includes('POISON') === true;
    });
    if (!poisoned) return transaction(bundle);
    return Promise.reject(
      new m.FhirGatewayError(422, 'HTTP 422', {
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code: 'invariant', diagnostics: 'refused' }],
      }),
    );
  };
  for (const text of ['Goal one', 'POISON goal', 'Goal three'])
    await cases.addGoal(m.fixtures.goal(caseId, text));
  const report = await outbound.run();
  const held = await sync.held();
  return (
    report.held === 1 &&
    held[0]?.message === 'refused' &&
    gateway.all<Goal>('Goal').length === 2 &&
    (await sync.pendingCount()) === 0
  );
};

const SCENARIOS = { outage, conflict, refusal };

/** Runs every scenario; a scenario that throws (or loops) counts as failed. */
async function verdicts(m: Modules): Promise<Record<string, boolean>> {
  const results: Record<string, boolean> = {};
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    results[name] = await scenario(m).catch(() => false);
  }
  return results;
}

describe('the sync engine’s failure decision', () => {
  it('passes every scenario with the real decision', async () => {
    const m = await loadWith(decideAfterFailure);
    expect(await verdicts(m)).toEqual({ outage: true, conflict: true, refusal: true });
  }, 60_000);

  const mutants = DECISIONS.flatMap((real) =>
    DECISIONS.filter((wrong) => wrong !== real).map((wrong) => [real, wrong] as const),
  );
  it.each(mutants)(
    'fails a scenario when "%s" is answered with "%s"',
    async (real, wrong) => {
      const mutant = (error: Gateway.FhirGatewayError, round: number): FailureDecision => {
        const answer = decideAfterFailure(error, round);
        return answer === real ? wrong : answer;
      };
      const results = await verdicts(await loadWith(mutant));
      expect(Object.values(results)).toContain(false);
    },
    60_000,
  );
});
