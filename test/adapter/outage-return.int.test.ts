import type { Bundle } from 'fhir/r4';
import type { RunningAdapter } from '@linkwell/fhir-server-adapter';
import { outageSwitch, type Outage } from '@linkwell/test-kit';
import { fhirRequest, uniqueId } from '../support/fhir-http';
import { api, startTestAdapter } from './support/adapter-env';
import { gpReferralTransaction, supportBundle } from './support/referral';

// The adapter's own sync timer after an outage of the EHR's endpoint (a TCP forwarder in front of
// the run's real HAPI, switched off): the failed run leaves the endpoint waiting a minute before
// its next attempt, but each tick asks the server whether it answers again, so a change made
// during the outage reaches HAPI within seconds of the endpoint coming back, not a minute later.
jest.setTimeout(180_000);
const service = uniqueId('svc');
const ids = { patient: uniqueId('pt'), gp: uniqueId('gp'), service, identifier: uniqueId('ref') };
const worker = { practitioner: `Practitioner/${service}-lw` as const, serviceOrg: service };
let outage: Outage;
let adapter: RunningAdapter;

beforeAll(async () => {
  const base = process.env.LINKWELL_TEST_FHIR_BASE ?? '';
  expect((await fhirRequest('POST', '', supportBundle(ids, `${service}-walk`))).status).toBe(200);
  // The referral is there before the adapter starts (its timers poll at once).
  expect((await fhirRequest<Bundle>('POST', '', gpReferralTransaction(ids))).status).toBe(200);
  outage = await outageSwitch(base);
  adapter = await startTestAdapter(
    outage.base,
    service,
    {
      ADAPTER_SYNC_SECONDS: '1',
      ADAPTER_POLL_SECONDS: '86400',
      ADAPTER_SUBSCRIBE: 'false',
      // The first wait after a failure: a minute (the most it ever is).
      ADAPTER_ENDPOINT_BACKOFF_SECONDS: '60',
    },
    { authenticate: () => Promise.resolve(worker), timers: true },
  );
});
afterAll(async () => {
  await adapter.stop();
  await outage.stop();
});

const goalsOnHapi = async (): Promise<number | undefined> =>
  (await fhirRequest<Bundle>('GET', `Goal?subject=Patient/${ids.patient}&_summary=count`)).body
    .total;

async function pending(): Promise<number> {
  const [row] = await adapter.db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM outbox WHERE state = 'pending'",
  );
  return row?.n ?? 0;
}

async function until(what: string, seconds: number, probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`not within ${String(seconds)} s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

it('drains a change made during an outage within seconds of the endpoint coming back', async () => {
  let caseId = '';
  await until('the referral taken in', 30, async () => {
    await adapter.inbound.poll();
    const list = await api<{ cases: { id: string }[] }>(adapter, 'GET', '/api/cases');
    caseId = list.body.cases[0]?.id ?? '';
    return caseId !== '';
  });
  expect((await api(adapter, 'POST', `/api/cases/${caseId}/accept`)).status).toBe(200);
  await until('the accept synced', 30, async () => (await pending()) === 0);

  await outage.down();
  const made = await api(adapter, 'POST', `/api/cases/${caseId}/goals`, {
    description: 'Join the walking group',
    share: true,
  });
  expect(made.status).toBe(201);
  // The timer's run retries, gives up, and the endpoint waits its minute.
  await until('the endpoint waiting', 90, () =>
    Promise.resolve(adapter.outbound.waiting().size === 1),
  );
  const waitEnds = adapter.outbound.waiting().get('default') ?? 0;
  expect(waitEnds - Date.now()).toBeGreaterThan(30_000);
  expect(await goalsOnHapi()).toBe(0);

  await outage.up();
  const back = Date.now();
  await until('the goal on HAPI', 20, async () => (await goalsOnHapi()) === 1);
  // Well before the wait was over.
  expect(Date.now()).toBeLessThan(waitEnds - 20_000);
  expect(Date.now() - back).toBeLessThan(20_000);
  expect(adapter.outbound.waiting().size).toBe(0);
  expect(await pending()).toBe(0);
});
