import type { DocumentReference, Provenance } from 'fhir/r4';
import { LINKWELL_IDENTIFIER_SYSTEMS, closingSummaryLetter } from '@linkwell/profiles';
import type { Database } from '../db/database';
import { openDatabase } from '../db/open';
import { MemoryGateway } from '@linkwell/test-kit';
import { silentLogger } from '../log';
import { CaseStore } from '../store/case-store';
import { SyncStore } from '../store/sync-store';
import { OutboundSync } from './outbound';
import {
  LW,
  SERVICE,
  accept,
  emptyStore,
  goal,
  seedCase,
  swemwbs,
  type ConsentCase,
} from './plan-fixtures';

// The message back to the GP, written when a case closes.
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
  gateway.put({ resourceType: 'Practitioner', id: 'lw-1', name: [{ text: 'Aisha Begum' }] });
  gateway.put({
    resourceType: 'Organization',
    id: SERVICE,
    name: 'Riverside Link Workers',
    telecom: [{ system: 'phone', value: '01632 960000' }],
  });
  cases = new CaseStore(db);
  sync = new SyncStore(db);
});

async function workedCase(consent: ConsentCase): Promise<string> {
  const caseId = await seedCase(cases, db, gateway, 't1', consent);
  await accept(cases, caseId);
  const share = consent === 'write-back';
  for (const [method, outcome] of [
    ['phone', 'no-answer'],
    ['phone', 'reached'],
    ['in-person', 'reached'],
  ] as const)
    await cases.addContactAttempt({
      caseId,
      at: '2025-02-05T10:00:00Z',
      method,
      outcome,
      linkWorker: LW,
    });
  await cases.addGoal(goal(caseId, 'Walk to the allotment on Saturdays', share));
  for (const [timing, n, authored] of [
    ['baseline', 2, '2025-02-05T10:00:00Z'],
    ['follow-up', 4, '2025-05-05T10:00:00Z'],
  ] as const)
    await cases.addAnswers({
      caseId,
      instrument: 'swemwbs',
      timing,
      answers: swemwbs(n),
      authored,
      shared: share,
      linkWorker: LW,
    });
  await cases.updateCase(caseId, { status: 'completed', businessStatus: 'discharged' }, LW, {
    expected: ['accepted', 'in-progress'],
    closure: {
      reason: 'Goals met; goes to the walking group weekly',
      gpActions: 'Review her pain relief',
    },
  });
  return caseId;
}

const summaries = () => gateway.all<DocumentReference>('DocumentReference');

describe('closing summary', () => {
  it('is written once when a case closes, with the reason, goals and outcome changes', async () => {
    const caseId = await workedCase('write-back');
    const report = await outbound().run();
    expect(report).toMatchObject({ held: 0, stalled: false });
    const [doc] = summaries();
    expect(summaries()).toHaveLength(1);
    expect(doc?.identifier?.[0]).toEqual({
      system: LINKWELL_IDENTIFIER_SYSTEMS.closingSummary,
      value: caseId,
    });
    expect(doc?.author?.map((a) => a.display)).toEqual(['Aisha Begum', 'Riverside Link Workers']);
    const letter = closingSummaryLetter(doc as DocumentReference)?.text ?? '';
    expect(letter).toContain('Goals met; goes to the walking group weekly');
    expect(letter).toContain('3 contact attempts, 2 conversations, 1 meetings');
    expect(letter).toContain('Walk to the allotment on Saturdays');
    expect(letter).toMatch(/Well-being Scale score: 15\.32 → 25\.03, better by 9\.71/);
    expect(letter).toContain('Review her pain relief');
    expect(letter).toContain('01632 960000');
    const related = doc?.context?.related?.map((r) => r.reference?.split('/')[0]);
    expect(related).toEqual(
      expect.arrayContaining(['ServiceRequest', 'Task', 'Goal', 'Observation']),
    );
    const provenance = gateway.all<Provenance>('Provenance');
    expect(
      provenance.some((p) => p.target.some((t) => t.reference === `DocumentReference/${doc?.id}`)),
    ).toBe(true);
    const writes = gateway.writes;
    await db.query(
      "INSERT INTO outbox (case_id, kind, record_id, link_worker, created_at) VALUES ($1, 'summary', $1, $2, now())",
      [caseId, LW],
    );
    expect((await outbound().run()).requests).toBe(0);
    expect(gateway.writes).toBe(writes);
  });

  it('without write-back consent carries only how and why it closed', async () => {
    await workedCase('share-only');
    await outbound().run();
    const letter = closingSummaryLetter(summaries()[0] as DocumentReference)?.text ?? '';
    expect(letter).toContain('Goals met; goes to the walking group weekly');
    expect(letter).toContain('did not agree to goals and outcome measures being shared');
    expect(letter).not.toContain('Walk to the allotment');
    expect(letter).not.toContain('Well-being');
    expect(summaries()[0]?.context?.related?.map((r) => r.reference?.split('/')[0])).toEqual([
      'ServiceRequest',
      'Task',
    ]);
  });

  it('is written for a referral rejected at triage, with the reason in words', async () => {
    const caseId = await seedCase(cases, db, gateway, 't1');
    const result = await cases.updateCase(
      caseId,
      { status: 'rejected', statusReason: 'outside-area' },
      LW,
      { expected: ['requested'], closure: { reason: 'Outside the service area' } },
    );
    expect(result.won).toBe(true);
    await outbound().run();
    expect(summaries()[0]?.description).toBe('Not accepted: Outside the service area');
  });
});
