import type { DocumentReference, Task } from 'fhir/r4';
import { closingSummaryLetter } from '@linkwell/profiles';
import type { Database } from '../db/database';
import { openDatabase } from '../db/open';
import { MemoryGateway } from '@linkwell/test-kit';
import { silentLogger } from '../log';
import { CaseStore } from '../store/case-store';
import { SyncStore } from '../store/sync-store';
import { OutboundSync } from '../sync/outbound';
import { LW, SERVICE, accept, emptyStore, seedCase } from '../sync/plan-fixtures';
import { OnwardProgressStore } from './onward-progress';

// The closing summary and the FHIR Task say what each community service reported.
let db: Database;
let gateway: MemoryGateway;
let cases: CaseStore;

beforeAll(async () => {
  db = await openDatabase({ inMemory: true });
}, 60_000);
afterAll(() => db.close());

beforeEach(async () => {
  await emptyStore(db);
  gateway = new MemoryGateway();
  gateway.put({ resourceType: 'Organization', id: SERVICE, name: 'Riverside Link Workers' });
  cases = new CaseStore(db);
});

it('writes the onward Task with each report and names the outcome in the closing summary', async () => {
  const caseId = await seedCase(cases, db, gateway, 't1', 'write-back');
  await accept(cases, caseId);
  const progress = new OnwardProgressStore(db);
  const onward = (service: string) =>
    cases.addOnwardReferral({
      caseId,
      serviceRef: `HealthcareService/${service}`,
      serviceName: `Service ${service}`,
      note: undefined,
      status: 'active',
      authoredOn: '2025-02-06T10:00:00Z',
      shared: true,
      linkWorker: LW,
    });
  const [walk, choir] = [await onward('walk'), await onward('choir')];
  const outbound = new OutboundSync(cases, new SyncStore(db), gateway, silentLogger, {
    batchSize: 50,
  });
  await outbound.run();
  expect(
    gateway.all<Task>('Task').filter((t) => t.owner?.reference?.startsWith('HealthcareService/')),
  ).toHaveLength(2);

  await progress.report(walk.id, 'accepted', undefined, 'coordinator');
  await progress.report(walk.id, 'first-attended', undefined, 'coordinator');
  await progress.report(choir.id, 'declined', 'Full until the spring', 'coordinator');
  await expect(progress.report(choir.id, 'accepted', undefined, 'coordinator')).rejects.toThrow(
    /cannot become/,
  );
  await outbound.run();
  const tasks = gateway
    .all<Task>('Task')
    .filter((t) => t.owner?.reference?.startsWith('HealthcareService/'));
  expect(tasks.map((t) => [t.owner?.reference, t.status, t.statusReason?.text]).sort()).toEqual([
    ['HealthcareService/choir', 'rejected', 'Full until the spring'],
    ['HealthcareService/walk', 'in-progress', undefined],
  ]);

  await cases.updateCase(caseId, { status: 'completed', businessStatus: 'discharged' }, LW, {
    expected: ['accepted', 'in-progress'],
    closure: { reason: 'Connected', gpActions: undefined },
  });
  await outbound.run();
  const [doc] = gateway.all<DocumentReference>('DocumentReference');
  const letter = closingSummaryLetter(doc as DocumentReference)?.text ?? '';
  expect(letter).toContain('Onward referral: Service walk (attended)');
  expect(letter).toContain(
    'Onward referral: Service choir (declined by the service: Full until the spring)',
  );
  expect(
    (await progress.trackRecords(['HealthcareService/walk'])).get('HealthcareService/walk'),
  ).toMatchObject({
    referrals: 1,
    acceptanceRate: 1,
    attendanceRate: 1,
  });
});
