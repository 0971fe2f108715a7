import { SEED } from '@linkwell/ehr-sandbox';
import { api } from '../adapter/support/adapter-env';
import { startSignInRig, type SignInRig } from './support/sign-in';

// Who sees which figures, decided from the team directory (the manager's PractitionerRole code)
// and the real access token the link-worker app gets from the sandbox's authorization server.
let rig: SignInRig;
let managerToken: string;
let workerToken: string;
const manager = `Practitioner/${SEED.serviceManager}`;
const carter = `Practitioner/${SEED.linkWorkers[0] ?? ''}`;
const bell = `Practitioner/${SEED.linkWorkers[1] ?? ''}`;

const get = (
  token: string,
  path: string,
): Promise<{ status: number; body: Record<string, unknown> }> =>
  api(rig.adapter, 'GET', path, undefined, { authorization: `Bearer ${token}` });

beforeAll(async () => {
  rig = await startSignInRig('insights');
  managerToken = await rig.signIn(SEED.serviceManager);
  workerToken = await rig.signIn(SEED.linkWorkers[0] ?? '');
});
afterAll(async () => {
  await rig.stop();
});

describe('insights access', () => {
  it('tells the app who manages the service', async () => {
    expect((await get(managerToken, '/api/me')).body).toMatchObject({
      practitioner: manager,
      name: 'Priya Nair',
      manager: true,
    });
    expect((await get(workerToken, '/api/me')).body).toMatchObject({
      practitioner: carter,
      manager: false,
    });
  });

  it("gives the manager the whole service's figures, or any one worker's", async () => {
    const all = await get(managerToken, '/api/insights');
    expect(all.status).toBe(200);
    expect(all.body.scope).toBe('service');
    expect((all.body.filter as Record<string, unknown>).worker).toBeUndefined();
    const one = await get(managerToken, `/api/insights?worker=${encodeURIComponent(bell)}`);
    expect(one.status).toBe(200);
    expect(one.body.filter).toMatchObject({ worker: bell });
  });

  it('gives a link worker their own figures only', async () => {
    const own = await get(workerToken, '/api/insights');
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ scope: 'own-cases', filter: { worker: carter } });
    expect(
      (await get(workerToken, `/api/insights?worker=${encodeURIComponent(carter)}`)).status,
    ).toBe(200);
    const other = await get(workerToken, `/api/insights?worker=${encodeURIComponent(bell)}`);
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('refuses the research extract to a link worker and starts it for the manager', async () => {
    const post = (token: string): Promise<{ status: number }> =>
      api(
        rig.adapter,
        'POST',
        '/api/exports',
        { kind: 'research' },
        { authorization: `Bearer ${token}` },
      );
    expect((await post(workerToken)).status).toBe(403);
    expect((await post(managerToken)).status).toBe(202);
  });

  it('says what to fix in a filter', async () => {
    const bad = await get(managerToken, '/api/insights?from=2026-13-01');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'bad-request', field: 'from' } });
    const backwards = await get(managerToken, '/api/insights?from=2026-03-01&to=2026-02-01');
    expect(backwards.body).toMatchObject({ error: { field: 'from' } });
    expect((await get(managerToken, '/api/insights?need=astrology')).status).toBe(400);
  });

  it('refuses without a token', async () => {
    expect(
      (await api(rig.adapter, 'GET', '/api/insights', undefined, { authorization: '' })).status,
    ).toBe(401);
  });
});
