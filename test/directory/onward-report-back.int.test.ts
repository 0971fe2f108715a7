import { createHmac } from 'node:crypto';
import type { ServiceRequest, Task } from 'fhir/r4';
import type { RunningAdapter } from '@linkwell/fhir-server-adapter';
import { startOrukFeed, type OrukService, type RunningOrukFeed } from '@linkwell/oruk-feed';
import { api, startTestAdapter } from '../adapter/support/adapter-env';
import { gpReferralTransaction, supportBundle } from '../adapter/support/referral';
import { fhirRequest, uniqueId } from '../support/fhir-http';
import { importNow, ownFeed } from './directory-env';

// Capacity and onward referrals that report back, against the run's real HAPI: the warning before
// referring to a paused service, the ServiceRequest + Task on HAPI, the coordinator's signed link
// (an altered or expired one refused), a phoned-in report, and the track record in search.
const service = uniqueId('obk');
const ids = { patient: uniqueId('pt'), gp: uniqueId('gp'), service, identifier: uniqueId('ref') };
const worker = { practitioner: `Practitioner/${service}-lw` as const, serviceOrg: service };
const feedName = uniqueId('obk')
  .toLowerCase()
  .replace(/[^a-z0-9-]/g, '');
let feed: RunningOrukFeed;
let adapter: RunningAdapter;
let caseId = '';
const services: OrukService[] = ownFeed(6, 3).map((s, i) =>
  i === 0
    ? { ...s, name: 'Paused Pottery', status: 'temporarily closed' }
    : { ...s, status: 'active' },
);
const idOf = async (name: string): Promise<string> => {
  const found = await api<{ services: { id: string; name: string }[] }>(
    adapter,
    'GET',
    `/api/directory/services?text=${encodeURIComponent(name)}`,
  );
  return found.body.services.find((s) => s.name === name)?.id ?? '';
};

beforeAll(async () => {
  expect((await fhirRequest('POST', '', supportBundle(ids, `${service}-walk`))).status).toBe(200);
  expect((await fhirRequest('POST', '', gpReferralTransaction(ids))).status).toBe(200);
  feed = await startOrukFeed({ port: 0, services });
  adapter = await startTestAdapter(
    process.env.LINKWELL_TEST_FHIR_BASE ?? '',
    service,
    { ADAPTER_DIRECTORY_FEED_URL: feed.url, ADAPTER_DIRECTORY_FEED_NAME: feedName },
    { authenticate: () => Promise.resolve(worker) },
  );
  await adapter.inbound.poll();
  caseId = (await adapter.cases.listCases(service))[0]?.id ?? '';
  expect(await importNow(adapter)).toMatchObject({ state: 'done', created: 6 });
});
afterAll(async () => {
  await adapter.stop();
  await feed.stop();
});

describe('capacity', () => {
  it('warns before referring to a paused service, and refers when the link worker confirms', async () => {
    const paused = await idOf('Paused Pottery');
    const refer = (extra: object) =>
      api<{ error?: { code: string; message: string } }>(
        adapter,
        'POST',
        `/api/cases/${caseId}/onward-referrals`,
        { service: paused, share: false, ...extra },
      );
    const warned = await refer({});
    expect(warned.status).toBe(409);
    expect(warned.body.error?.code).toBe('service-not-taking-referrals');
    expect(warned.body.error?.message).toMatch(/Paused Pottery is paused/);
    expect((await adapter.cases.onwardReferrals(caseId)).length).toBe(0);
    expect((await refer({ confirmCapacity: true })).status).toBe(201);
  });

  it('keeps what a link worker confirms for the service over what the feed says, and warns on it', async () => {
    const open = services[1]?.name ?? '';
    const id = await idOf(open);
    const set = await api(adapter, 'PUT', `/api/directory/services/${id}/capacity`, {
      state: 'closed',
    });
    expect(set.status).toBe(200);
    expect((await importNow(adapter)).unchanged).toBe(6);
    const row = await api<{ capacity: { state: string; confirmedBy: string } }>(
      adapter,
      'GET',
      `/api/directory/services/${id}`,
    );
    expect(row.body.capacity).toMatchObject({ state: 'closed', confirmedBy: worker.practitioner });
    expect(
      (await api(adapter, 'POST', `/api/cases/${caseId}/onward-referrals`, { service: id })).status,
    ).toBe(409);
    expect(
      (await api(adapter, 'PUT', `/api/directory/services/${id}/capacity`, { state: 'busy' }))
        .status,
    ).toBe(400);
  });
});

describe('an onward referral that reports back', () => {
  let serviceId = '';
  let onwardId = '';
  let link = '';

  const onwardTask = async (): Promise<Task | undefined> => {
    const found = await fhirRequest<{ entry?: { resource: Task }[] }>(
      'GET',
      `Task?identifier=${encodeURIComponent(`https://linkwell.example.org/fhir/sid/onward-referral-task|${onwardId}`)}`,
    );
    return found.body.entry?.[0]?.resource;
  };

  it('is a ServiceRequest to the HealthcareService with a Task the service acts on', async () => {
    serviceId = await idOf(services[2]?.name ?? '');
    const made = await api<{ id: string; state?: string }>(
      adapter,
      'POST',
      `/api/cases/${caseId}/onward-referrals`,
      { service: serviceId, share: true, note: 'Prefers mornings' },
    );
    expect(made.status).toBe(201);
    onwardId = made.body.id;
    await adapter.outbound.run();
    const task = await onwardTask();
    expect(task).toMatchObject({
      status: 'requested',
      owner: { reference: `HealthcareService/${serviceId}` },
      businessStatus: { coding: [{ code: 'awaiting-reply' }] },
      meta: {
        profile: [
          'https://linkwell.example.org/fhir/StructureDefinition/linkwell-onward-referral-task',
        ],
      },
    });
    const request = await fhirRequest<ServiceRequest>('GET', task?.focus?.reference ?? '');
    expect(request.body.performer?.[0]?.reference).toBe(`HealthcareService/${serviceId}`);
  });

  it('lets the coordinator accept it through a signed link, and refuses an altered or expired link', async () => {
    const made = await api<{ url: string }>(
      adapter,
      'POST',
      `/api/directory/services/${serviceId}/coordinator-link`,
    );
    expect(made.status).toBe(201);
    // The test adapter's public URL is a placeholder; the path is what the link carries.
    expect(made.body.url).toMatch(/\/coordinator\/[\w-]+\.[\w-]+$/);
    link = `${adapter.url}${new URL(made.body.url).pathname}`;
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/Awaiting reply[\s\S]*Prefers mornings/);

    const token = link.split('/coordinator/')[1] ?? '';
    const altered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await fetch(`${adapter.url}/coordinator/${altered}`)).status).toBe(403);
    const payload = Buffer.from(
      JSON.stringify({ service: serviceId, exp: Math.floor(Date.now() / 1000) - 60 }),
    ).toString('base64url');
    const expired = `${payload}.${createHmac('sha256', adapter.directory.linkKey).update(payload).digest('base64url')}`;
    expect((await fetch(`${adapter.url}/coordinator/${expired}`)).status).toBe(410);
    const forgedPost = await fetch(`${adapter.url}/coordinator/${altered}/referrals/${onwardId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'state=accepted',
      redirect: 'manual',
    });
    expect(forgedPost.status).toBe(403);
    expect((await adapter.cases.onwardReferral(onwardId))?.state).toBe('awaiting-reply');

    const accepted = await fetch(`${link}/referrals/${onwardId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'state=accepted',
      redirect: 'manual',
    });
    expect(accepted.status).toBe(303);
    await adapter.outbound.run();
    expect(await onwardTask()).toMatchObject({
      status: 'accepted',
      businessStatus: { coding: [{ code: 'accepted' }] },
    });
  });

  it('takes a phoned-in report from the link worker, refuses a step that cannot follow, and adds up a track record', async () => {
    const report = (state: string, reason?: string) =>
      api(adapter, 'POST', `/api/onward-referrals/${onwardId}/report`, {
        state,
        ...(reason === undefined ? {} : { reason }),
      });
    expect((await report('completed')).status).toBe(409);
    expect((await report('first-attended')).status).toBe(200);
    expect((await report('completed')).status).toBe(200);
    await adapter.outbound.run();
    expect((await onwardTask())?.status).toBe('completed');
    const view = await api<{ onwardReferrals: { id: string; state?: string }[] }>(
      adapter,
      'GET',
      `/api/cases/${caseId}`,
    );
    expect(view.body.onwardReferrals.find((o) => o.id === onwardId)?.state).toBe('completed');
    const row = await api<{
      trackRecord: {
        referrals: number;
        acceptanceRate: number;
        attendanceRate: number;
        medianDaysToReply: number;
      };
    }>(adapter, 'GET', `/api/directory/services/${serviceId}`);
    expect(row.body.trackRecord).toMatchObject({
      referrals: 1,
      acceptanceRate: 1,
      attendanceRate: 1,
      medianDaysToReply: 0,
    });
  });
});
