import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../api/api-client';
import { caseloadRow, COLLEAGUE, fakeApi, ME } from '../../test-support/fake-api';
import { CaseloadPage } from './CaseloadPage';

const rows = [
  caseloadRow('a', {
    patientName: 'Margaret Ellison',
    referredAt: '2025-03-01T10:00:00Z',
    waitingDays: 12,
  }),
  caseloadRow('b', {
    patientName: 'David Price',
    referredAt: '2025-03-09T10:00:00Z',
    status: 'in-progress',
    businessStatus: 'contacted',
    assignedTo: ME,
    awaitingFirstContact: false,
    nextFollowUp: '2025-03-10',
    followUpOverdue: true,
  }),
  caseloadRow('c', {
    patientName: 'Kayleigh Moss',
    referredAt: '2025-03-05T10:00:00Z',
    priority: 'urgent',
  }),
];

const names = (): string[] => screen.getAllByRole('link').map((link) => link.textContent);

describe('CaseloadPage', () => {
  it('shows the count awaiting first contact and the newest referrals first', async () => {
    render(<CaseloadPage api={fakeApi({ rows })} practitioner={ME} onOpen={jest.fn()} />);
    expect(await screen.findByText(/referrals await first contact/)).toBeTruthy();
    expect(screen.getByText('2').tagName).toBe('STRONG');
    expect(names()).toEqual(['David Price', 'Kayleigh Moss', 'Margaret Ellison']);
    const david = screen.getByRole('row', { name: /David Price/ });
    expect(within(david).getByText('Overdue')).toBeTruthy();
    expect(within(david).getByText('Contacted')).toBeTruthy();
    expect(within(david).getByText('You')).toBeTruthy();
    expect(within(screen.getByRole('row', { name: /Kayleigh/ })).getByText('urgent')).toBeTruthy();
  });

  it('sorts by waiting time, filters mine and unassigned, and searches by name', async () => {
    render(<CaseloadPage api={fakeApi({ rows })} practitioner={ME} onOpen={jest.fn()} />);
    await screen.findByRole('table');
    fireEvent.change(screen.getByLabelText('Sort by'), { target: { value: 'waiting-longest' } });
    // An overdue follow-up stays first whatever the order; then whoever has waited longest.
    expect(names().slice(0, 2)).toEqual(['David Price', 'Margaret Ellison']);
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'mine' } });
    expect(names()).toEqual(['David Price']);
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'unassigned' } });
    fireEvent.change(screen.getByLabelText('Search by name'), { target: { value: 'moss' } });
    expect(names()).toEqual(['Kayleigh Moss']);
    fireEvent.change(screen.getByLabelText('Search by name'), { target: { value: 'nobody' } });
    expect(screen.getByText('No cases match.')).toBeTruthy();
  });

  it('opens a case from its name', async () => {
    const onOpen = jest.fn();
    render(<CaseloadPage api={fakeApi({ rows })} practitioner={ME} onOpen={onOpen} />);
    fireEvent.click(await screen.findByRole('link', { name: 'Margaret Ellison' }));
    expect(onOpen).toHaveBeenCalledWith('a');
  });

  it('accepts a new referral from its row and opens the case', async () => {
    const onOpen = jest.fn();
    const api = fakeApi({ rows });
    render(<CaseloadPage api={api} practitioner={ME} onOpen={onOpen} />);
    // Only the referrals not yet accepted offer it.
    await screen.findByRole('table');
    expect(screen.getAllByRole('button', { name: /^Accept referral/ })).toHaveLength(2);
    const david = screen.getByRole('row', { name: /David Price/ });
    expect(within(david).queryByRole('button', { name: /Accept/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Accept referral: Margaret Ellison' }));
    await waitFor(() => {
      expect(onOpen).toHaveBeenCalledWith('a');
    });
    expect(api.changes).toEqual([{ method: 'POST', path: 'accept' }]);
  });

  it('stays on the caseload and says why when accepting is refused', async () => {
    const onOpen = jest.fn();
    const taken = new ApiError(409, 'conflict', 'A colleague accepted this referral first.');
    render(
      <CaseloadPage
        api={fakeApi({ rows, refuseChange: { accept: taken } })}
        practitioner={ME}
        onOpen={onOpen}
      />,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Accept referral: Kayleigh Moss' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'There is a problem' + 'Not accepted: A colleague accepted this referral first.',
    );
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('says why when the adapter refuses, in its own words', async () => {
    const refuse = new ApiError(
      403,
      'forbidden',
      'You are not a member of this link-worker service.',
    );
    render(<CaseloadPage api={fakeApi({ refuse })} practitioner={ME} onOpen={jest.fn()} />);
    expect((await screen.findByRole('alert')).textContent).toContain(
      'You are not a member of this link-worker service.',
    );
  });

  it('names the link worker holding each case, from the case or the team, never by id', async () => {
    const named = [
      caseloadRow('d', { patientName: 'Ann Hope', assignedTo: COLLEAGUE }),
      caseloadRow('e', {
        patientName: 'Bo Lane',
        assignedTo: 'Practitioner/lw-lw-new',
        assignedToName: 'Priya Shah',
      }),
      caseloadRow('f', { patientName: 'Cy Moor', assignedTo: 'Practitioner/lw-lw-gone' }),
    ];
    const { container } = render(
      <CaseloadPage api={fakeApi({ rows: named })} practitioner={ME} onOpen={jest.fn()} />,
    );
    await screen.findByRole('table');
    await waitFor(() => {
      expect(
        within(screen.getByRole('row', { name: /Ann Hope/ })).getByText('Sam Begum'),
      ).toBeTruthy();
    });
    expect(
      within(screen.getByRole('row', { name: /Bo Lane/ })).getByText('Priya Shah'),
    ).toBeTruthy();
    expect(
      within(screen.getByRole('row', { name: /Cy Moor/ })).getByText('Another link worker'),
    ).toBeTruthy();
    expect(container.textContent).not.toMatch(/lw-lw-|Practitioner\//);
  });

  it('says how many referrals are held for review, with each reason and no patient data', async () => {
    const held = [
      {
        taskId: 'Task/t1',
        reason: 'The Task’s focus is a referral for a different patient.',
        firstSeen: '2025-03-02T10:00:00Z',
        lastSeen: '2025-03-02T10:05:00Z',
      },
      {
        taskId: 'Task/t2',
        reason: 'The referral is addressed to another service.',
        firstSeen: '2025-03-03T10:00:00Z',
        lastSeen: '2025-03-03T10:00:00Z',
      },
    ];
    render(<CaseloadPage api={fakeApi({ rows, held })} practitioner={ME} onOpen={jest.fn()} />);
    const panel = await screen.findByRole('region', { name: '2 referrals held for review' });
    expect(panel.textContent).toContain('a referral for a different patient');
    expect(panel.textContent).toContain('addressed to another service');
    expect(within(panel).getAllByRole('listitem')).toHaveLength(2);
  });

  it('sets a reviewed hold aside, and the count follows', async () => {
    const held = [
      {
        taskId: 't1',
        reason: 'Wrong patient.',
        firstSeen: '2025-03-02T10:00:00Z',
        lastSeen: '2025-03-02T10:00:00Z',
      },
      {
        taskId: 't2',
        reason: 'Other service.',
        firstSeen: '2025-03-03T10:00:00Z',
        lastSeen: '2025-03-03T10:00:00Z',
      },
    ];
    const api = fakeApi({ rows, held });
    render(<CaseloadPage api={api} practitioner={ME} onOpen={jest.fn()} />);
    const panel = await screen.findByRole('region', { name: '2 referrals held for review' });
    fireEvent.click(
      within(panel).getAllByRole('button', { name: 'Reviewed: set aside' })[0] as HTMLElement,
    );
    await screen.findByRole('region', { name: '1 referral held for review' });
    expect(api.dismissed).toEqual(['t1']);
    expect(screen.queryByText('Wrong patient.')).toBeNull();
  });

  it('shows nothing about held referrals when there are none', async () => {
    render(<CaseloadPage api={fakeApi({ rows })} practitioner={ME} onOpen={jest.fn()} />);
    await screen.findByRole('table');
    expect(screen.queryByText(/held for review/)).toBeNull();
  });
});
