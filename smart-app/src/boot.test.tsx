import { act, screen, waitFor } from '@testing-library/react';
import type Client from 'fhirclient/lib/Client';
import { dashboardResponse } from '../test-support/dashboard-fixture';
import { fakeClient } from '../test-support/fake-client';
import { boot } from './boot';

const noSession = { getItem: () => null };

describe('boot', () => {
  beforeEach(() => {
    document.body.innerHTML = '<div id="root"></div>';
  });

  it('shows how to open the app when there is no launch, without calling the server', async () => {
    const ready = jest.fn<Promise<Client>, []>();
    await act(() =>
      boot(document.getElementById('root') as HTMLElement, {
        ready,
        search: '',
        storage: noSession,
      }),
    );
    expect(
      await screen.findByRole('heading', { name: "Open Linkwell from a patient's record" }),
    ).toBeTruthy();
    expect(screen.getByLabelText('FHIR server address of your record system')).toBeTruthy();
    expect(ready).not.toHaveBeenCalled();
  });

  it('exchanges the code exactly once, even under StrictMode', async () => {
    const { client } = fakeClient({ respond: () => dashboardResponse() });
    const ready = jest.fn(() => Promise.resolve(client as unknown as Client));
    await act(() =>
      boot(document.getElementById('root') as HTMLElement, {
        ready,
        search: '?code=abc&state=xyz',
        storage: noSession,
      }),
    );
    await screen.findByRole('article');
    expect(ready).toHaveBeenCalledTimes(1);
  });

  it('explains a failed code exchange instead of a blank page', async () => {
    const ready = jest.fn(() =>
      Promise.reject(
        new Error(
          '400 Bad Request\nURL: https://ehr.test/token\ninvalid_grant: grant request is invalid',
        ),
      ),
    );
    await act(() =>
      boot(document.getElementById('root') as HTMLElement, {
        ready,
        search: '?code=old&state=xyz',
        storage: noSession,
      }),
    );
    await waitFor(() => {
      expect(screen.getByRole('heading', { name: 'Your session has ended' })).toBeTruthy();
    });
    expect(screen.getByText('invalid_grant: grant request is invalid')).toBeTruthy();
  });
});
