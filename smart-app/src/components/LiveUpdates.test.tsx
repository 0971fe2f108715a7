import { act, render, screen, within } from '@testing-library/react';
import { StrictMode } from 'react';
import { buildReferralTask } from '@linkwell/profiles';
import {
  countResponse,
  dashboardResponse,
  isChangeProbe,
  task,
} from '../../test-support/dashboard-fixture';
import { fakeClient, httpError, type RecordedRequest } from '../../test-support/fake-client';
import { fakePage } from '../../test-support/fake-page';
import { App } from './App';

const INTERVAL = 40;
const wait = (ms: number) =>
  act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
  });

function moved() {
  return {
    ...buildReferralTask({
      referral: 'ServiceRequest/sr-1',
      patient: 'Patient/pat-1',
      requester: 'PractitionerRole/gp-1-role',
      owner: 'Organization/sp-1',
      authoredOn: '2025-02-03T10:15:00Z',
      lastModified: '2025-06-02T09:00:00Z',
      status: 'in-progress',
      businessStatus: 'first-meeting',
    }),
    id: task.id ?? '',
    meta: { lastUpdated: '2025-06-02T09:00:00Z' },
  };
}

function renderLive(answerProbe: (request: RecordedRequest) => unknown) {
  const state = { changed: false };
  const fake = fakeClient({
    respond: (request) =>
      isChangeProbe(request.body)
        ? answerProbe(request)
        : dashboardResponse(state.changed ? { task: moved() } : {}),
  });
  const visibility = fakePage();
  render(
    <StrictMode>
      <App client={fake.client} page={visibility.page} liveUpdateMs={INTERVAL} />
    </StrictMode>,
  );
  const probes = () => fake.requests.filter((r) => isChangeProbe(r.body));
  const loads = () =>
    fake.requests.filter((r) => r.body?.type === 'batch' && !isChangeProbe(r.body));
  return { fake, state, visibility, probes, loads };
}

describe('live updates while the app is open', () => {
  it('asks for counts of what changed since the newest update seen, and reloads only then', async () => {
    // Like the server: the moved Task counts only for a probe from before its lastUpdated.
    const live = renderLive((request) => {
      const since = request.body?.entry?.[1]?.request?.url ?? '';
      const before = !since.includes(encodeURIComponent('gt2025-06-02T09:00:00.000Z'));
      return countResponse([0, live.state.changed && before ? 1 : 0]);
    });
    const card = await screen.findByRole('article');
    await wait(INTERVAL * 4);
    expect(live.probes().length).toBeGreaterThanOrEqual(2);
    const loadsBefore = live.loads().length;
    const [probe] = live.probes();
    expect(probe?.body?.entry?.map((e) => e.request?.url.split('?')[0])).toEqual([
      'ServiceRequest',
      'Task',
      'Goal',
      'Observation',
      'DocumentReference',
      'Consent',
    ]);
    for (const entry of probe?.body?.entry ?? []) {
      expect(entry.request?.url).toContain('_summary=count');
      // The newest lastUpdated in the fixture is the second outcome measure's.
      expect(entry.request?.url).toContain(
        `_lastUpdated=${encodeURIComponent('gt2025-05-12T10:00:00.000Z')}`,
      );
    }

    live.state.changed = true;
    await within(card).findByText(
      'First meeting held',
      { selector: '.lw-timeline__label' },
      { timeout: 2000 },
    );
    expect(live.loads().length).toBe(loadsBefore + 1);
    expect(screen.queryByRole('status', { name: /Loading/ })).toBeNull();
    // The next probe asks from the new newest update, and finds nothing more.
    await wait(INTERVAL * 3);
    expect(live.probes().at(-1)?.body?.entry?.[1]?.request?.url).toContain(
      encodeURIComponent('gt2025-06-02T09:00:00.000Z'),
    );
    expect(live.loads().length).toBe(loadsBefore + 1);
  });

  it('stops while the page is hidden and asks again as soon as it is shown', async () => {
    const live = renderLive(() => countResponse());
    await screen.findByRole('article');
    act(() => {
      live.visibility.hide();
    });
    const hiddenAt = live.probes().length;
    await wait(INTERVAL * 4);
    expect(live.probes().length).toBe(hiddenAt);
    act(() => {
      live.visibility.show();
    });
    await wait(5);
    expect(live.probes().length).toBeGreaterThan(hiddenAt);
  });

  it('says the session ended when a probe is refused with 401, and ignores a lost probe', async () => {
    let answer: () => unknown = () => {
      throw new TypeError('Failed to fetch');
    };
    renderLive(() => answer());
    await screen.findByRole('article');
    await wait(INTERVAL * 2);
    expect(screen.getByRole('article')).toBeTruthy();
    answer = () => {
      throw httpError(401);
    };
    expect(
      await screen.findByRole('heading', { name: 'Your session has ended' }, { timeout: 2000 }),
    ).toBeTruthy();
  });
});
