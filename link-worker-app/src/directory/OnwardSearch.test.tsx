import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { caseRecord, fakeApi } from '../../test-support/fake-api';
import { CasePage } from '../components/CasePage';
import { ApiError, type OnwardReportRequest } from '@linkwell/contracts';
import type { ServiceResult } from './types';

const service = (over: Partial<ServiceResult>): ServiceResult => ({
  id: 'svc-1',
  name: 'Kettle Club',
  offers: 'Tea and company',
  categories: ['Befriending'],
  where: [{ name: 'Mill Hall', address: '1 Mill Lane, Riverside, ZZ1 2BB', distanceKm: 0.8 }],
  opening: ['Tue 10:00–12:00'],
  contacts: [{ name: 'Sam Ward', phones: ['0300 555 1234'] }],
  phones: [],
  capacity: { state: 'taking-referrals', confirmedBy: 'feed', confirmedAt: '2026-10-01' },
  trackRecord: {
    referrals: 4,
    replied: 4,
    acceptanceRate: 0.75,
    medianDaysToReply: 2,
    attendanceRate: 0.5,
  },
  ...over,
});

const REFERRED = {
  id: 'onward-1',
  serviceRef: 'HealthcareService/svc-1',
  serviceName: 'Kettle Club',
  status: 'requested',
  authoredOn: '2026-11-20',
  shared: true,
  state: 'awaiting-reply',
};

function withDirectory(results: ServiceResult[], onwardReferrals: (typeof REFERRED)[] = []) {
  const api = fakeApi({
    record: caseRecord({ status: 'in-progress', businessStatus: 'contacted', onwardReferrals }),
  });
  const queries: string[] = [];
  const reports: unknown[] = [];
  return Object.assign(api, {
    queries,
    reports,
    searchServices: (query: string) => {
      queries.push(query);
      return Promise.resolve({ total: results.length, services: results });
    },
    reportOnward: (id: string, report: OnwardReportRequest) => {
      reports.push({ id, report });
      return Promise.resolve();
    },
  });
}

describe('onward referral from the directory search', () => {
  it('records what the service said by phone, asking why when it declined', async () => {
    const api = withDirectory([service({})], [REFERRED]);
    render(<CasePage api={api} caseId="case-1" section="onward" onBack={jest.fn()} />);
    const form = await screen.findByRole('form', { name: 'What the service told you' });
    fireEvent.click(within(form).getByRole('button', { name: 'Record' }));
    const summary = await screen.findByRole('alert', { name: 'There is a problem' });
    expect(
      within(summary)
        .getByRole('link', { name: 'Choose what the service told you' })
        .getAttribute('href'),
    ).toBe('#report-onward-1');
    fireEvent.change(within(form).getByLabelText('The service told me'), {
      target: { value: 'declined' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Record' }));
    expect(
      await within(summary).findByRole('link', { name: 'Say why the service declined' }),
    ).toBeTruthy();
    expect(api.reports).toEqual([]);
    fireEvent.change(within(form).getByLabelText('Why'), { target: { value: 'Full until May' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Record' }));
    await waitFor(() => {
      expect(api.reports).toEqual([
        { id: 'onward-1', report: { state: 'declined', reason: 'Full until May' } },
      ]);
    });
    expect(screen.queryByRole('alert', { name: 'There is a problem' })).toBeNull();
  });

  it('shows the adapter’s refusal of a phoned-in report against that report’s field', async () => {
    const api = withDirectory([service({})], [REFERRED]);
    api.reportOnward = () =>
      Promise.reject(new ApiError(409, 'conflict', 'The referral is "accepted" already.', 'state'));
    render(<CasePage api={api} caseId="case-1" section="onward" onBack={jest.fn()} />);
    const form = await screen.findByRole('form', { name: 'What the service told you' });
    fireEvent.change(within(form).getByLabelText('The service told me'), {
      target: { value: 'accepted' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Record' }));
    const summary = await screen.findByRole('alert', { name: 'There is a problem' });
    expect(
      within(summary)
        .getByRole('link', { name: 'The referral is "accepted" already.' })
        .getAttribute('href'),
    ).toBe('#report-onward-1');
  });

  it('searches near the person by need and shows capacity and track record', async () => {
    const api = withDirectory([service({})]);
    render(<CasePage api={api} caseId="case-1" section="onward" onBack={jest.fn()} />);
    await waitFor(() => {
      expect(api.queries[0]).toBe('caseId=case-1');
    });
    fireEvent.change(await screen.findByLabelText('Need'), { target: { value: 'loneliness' } });
    fireEvent.click(screen.getByLabelText('Open now'));
    fireEvent.click(screen.getByRole('button', { name: 'Search the directory' }));
    await waitFor(() => {
      expect(api.queries[1]).toBe('need=loneliness&caseId=case-1&openNow=true');
    });
    fireEvent.click(await screen.findByRole('button', { name: /Kettle Club/ }));
    // Chosen with one press; the cursor goes to the note for the service.
    expect(document.activeElement).toBe(screen.getByLabelText('Note for the service (optional)'));
    expect(screen.getByText(/0.8 km away/)).toBeTruthy();
    expect(
      screen.getByText(/Capacity: Taking referrals \(as the directory says 2026-10-01\)/),
    ).toBeTruthy();
    expect(screen.getByText(/accepted 75%; 2 days to reply \(median\); attended 50%/)).toBeTruthy();
  });

  it('warns before referring to a paused service and refers only once the link worker confirms', async () => {
    const api = withDirectory([
      service({
        capacity: { state: 'paused', confirmedBy: 'coordinator', confirmedAt: '2026-11-20' },
      }),
    ]);
    render(<CasePage api={api} caseId="case-1" section="onward" onBack={jest.fn()} />);
    fireEvent.click(await screen.findByRole('button', { name: /Kettle Club/ }));
    expect(screen.getByRole('alert').textContent).toMatch(/Kettle Club is paused/);
    const refer = screen.getByRole<HTMLButtonElement>('button', { name: 'Refer to this service' });
    // Referred without the confirmation, the form asks for it and sends nothing.
    fireEvent.click(refer);
    const summary = await screen.findByRole('alert', { name: 'There is a problem' });
    expect(
      within(summary)
        .getByRole('link', { name: /Tick to confirm Kettle Club agreed/ })
        .getAttribute('href'),
    ).toBe('#onward-agreed');
    expect(api.changes).toEqual([]);
    fireEvent.click(screen.getByLabelText(/agreed to take this referral anyway/));
    fireEvent.click(refer);
    await waitFor(() => {
      expect(api.changes[0]).toMatchObject({
        path: 'onward-referrals',
        body: { service: 'svc-1', confirmCapacity: true },
      });
    });
  });

  it('offers to book a check-in once the referral is made, in person for 30 minutes unless changed', async () => {
    const api = withDirectory([service({})]);
    render(<CasePage api={api} caseId="case-1" section="onward" onBack={jest.fn()} />);
    // No offer before a referral is made.
    fireEvent.click(await screen.findByRole('button', { name: /Kettle Club/ }));
    expect(screen.queryByRole('button', { name: 'Book check-in' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Refer to this service' }));
    expect(
      await screen.findByText('Referred to Kettle Club. Book a time to hear how it is going?'),
    ).toBeTruthy();
    const book = screen.getByRole<HTMLButtonElement>('button', { name: 'Book check-in' });
    // Booked without a time, the form asks for one and sends nothing more.
    fireEvent.click(book);
    expect(
      within(await screen.findByRole('alert', { name: 'There is a problem' }))
        .getByRole('link', { name: 'Enter the date and time of the meeting or call' })
        .getAttribute('href'),
    ).toBe('#checkin-when');
    expect(api.changes).toHaveLength(1);
    fireEvent.change(screen.getByLabelText('When'), { target: { value: '2027-01-15T10:00' } });
    fireEvent.click(book);
    await waitFor(() => {
      expect(api.changes[1]).toEqual({
        method: 'POST',
        path: 'appointments',
        body: {
          start: new Date('2027-01-15T10:00').toISOString(),
          minutes: 30,
          mode: 'in-person',
        },
      });
    });
    expect((await screen.findByText(/^Check-in booked for /)).textContent).toMatch(
      /: it is in the diary\.$/,
    );
    expect(screen.queryByRole('button', { name: 'Book check-in' })).toBeNull();
  });

  it('lets the worker decline the check-in', async () => {
    const api = withDirectory([service({})]);
    render(<CasePage api={api} caseId="case-1" section="onward" onBack={jest.fn()} />);
    fireEvent.click(await screen.findByRole('button', { name: /Kettle Club/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Refer to this service' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Not now' }));
    expect(screen.queryByRole('button', { name: 'Book check-in' })).toBeNull();
    expect(api.changes).toHaveLength(1);
  });
});
