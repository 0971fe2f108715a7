import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { StrictMode } from 'react';
import { dashboardResponse } from '../../test-support/dashboard-fixture';
import { fakeClient, httpError, outcome } from '../../test-support/fake-client';
import { App } from './App';

const ids = () => {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
};

function renderApp(options: Parameters<typeof fakeClient>[0]) {
  const fake = fakeClient(options);
  render(
    <StrictMode>
      <App client={fake.client} newUuid={ids()} now={() => '2025-06-01T09:00:00Z'} />
    </StrictMode>,
  );
  return fake;
}

describe('the dashboard', () => {
  it('reads everything in one batch and shows the referral with what came back', async () => {
    const fake = renderApp({ respond: () => dashboardResponse() });
    expect(screen.getByRole('status').textContent).toContain('Loading');
    const card = await screen.findByRole('article', {
      name: /Referral to Riverside Social Prescribing Service/,
    });
    const completed = fake.requests.filter((r) => r.method === 'POST');
    // StrictMode runs the effect twice in development; the first load is aborted, not doubled.
    expect(new Set(completed.map((r) => r.body?.type))).toEqual(new Set(['batch']));
    expect(completed[0]?.url).toBe('');
    expect(completed[0]?.body?.entry).toHaveLength(11);
    expect(
      within(card)
        .getByText('Contacted', { selector: '.lw-timeline__label' })
        .closest('li')
        ?.getAttribute('aria-current'),
    ).toBe('step');
    expect(within(card).getAllByText('Contacted').length).toBeGreaterThan(0);
    expect(within(card).getByText('Sam Carter').closest('p')?.textContent).toBe(
      'Link worker: Sam Carter',
    );
    expect(within(card).getByText('Get back to the choir on Thursdays')).toBeTruthy();
    expect(within(card).getByText('Improving')).toBeTruthy();
    expect(within(card).getByText('Better by 3')).toBeTruthy();
    expect(within(card).getByText('Lower is better (higher means lonelier)')).toBeTruthy();
    expect(within(card).getByText(/Baseline 8/).textContent).toContain('latest 5');
    expect(within(card).getByText(/Men's Shed/)).toBeTruthy();
    expect(within(card).getByText('For: Social isolation, Bereavement')).toBeTruthy();
  });

  it('shows the patient banner when the EHR asks for it, and not otherwise', async () => {
    renderApp({ respond: () => dashboardResponse() });
    const banner = await screen.findByRole('region', { name: 'Patient' });
    expect(banner.textContent).toContain('ELLIS, Margaret');
    expect(banner.textContent).toContain('999 000 1234');
  });

  it('leaves the banner to the EHR when need_patient_banner is false', async () => {
    renderApp({ respond: () => dashboardResponse(), needPatientBanner: false });
    await screen.findByRole('article');
    expect(screen.queryByRole('region', { name: 'Patient' })).toBeNull();
  });

  it('explains a 403 in words, with what the server said', async () => {
    renderApp({
      respond: () => {
        throw httpError(403, outcome('no granted scope permits "s" on Goal'));
      },
    });
    expect(
      await screen.findByRole('heading', { name: 'Linkwell is not allowed to do this' }),
    ).toBeTruthy();
    expect(screen.getByText('no granted scope permits "s" on Goal')).toBeTruthy();
  });

  it('says the session ended on a 401', async () => {
    renderApp({
      respond: () => {
        throw httpError(401);
      },
    });
    expect(await screen.findByRole('heading', { name: 'Your session has ended' })).toBeTruthy();
  });

  it('offers to try again when the server cannot be reached', async () => {
    let fail = true;
    const fake = renderApp({
      respond: () => {
        if (fail) throw new TypeError('Failed to fetch');
        return dashboardResponse({ referrals: false });
      },
    });
    expect(
      await screen.findByRole('heading', { name: 'Cannot reach the patient record' }),
    ).toBeTruthy();
    fail = false;
    const before = fake.requests.length;
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
      await Promise.resolve();
    });
    expect(await screen.findByText(/No social prescribing referrals yet/)).toBeTruthy();
    expect(fake.requests.length).toBeGreaterThan(before);
  });

  it('asks to open the app from a record when the launch carried no patient', async () => {
    const fake = renderApp({ respond: () => dashboardResponse(), patientId: null });
    await waitFor(() => {
      expect(
        screen.getByRole('heading', { name: "Open Linkwell from a patient's record" }),
      ).toBeTruthy();
    });
    expect(screen.queryByRole('heading', { name: 'Your session has ended' })).toBeNull();
    expect(fake.requests).toHaveLength(0);
  });
});
