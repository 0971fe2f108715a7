import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../api/api-client';
import { caseRecord, COLLEAGUE, DETAILS, fakeApi, ME } from '../../test-support/fake-api';
import { CasePage } from './CasePage';

const open = (api: ReturnType<typeof fakeApi>) =>
  render(<CasePage api={api} caseId="case-1" onBack={jest.fn()} />);

describe('The case from referral to closure', () => {
  it('asks what happened before discharging, and sends it with anything the GP is asked to do', async () => {
    const api = fakeApi({});
    open(api);
    const progress = await screen.findByRole('region', { name: 'Progress' });
    const ends = within(progress).getByRole('group', { name: 'How the case ends' });
    // One press says how it ends; with nothing said of what happened, the cursor goes there.
    fireEvent.click(within(ends).getByRole('button', { name: 'Discharged: support complete' }));
    // The error summary takes the focus; its link takes the cursor to the field, which says it too.
    const summary = await within(progress).findByRole('alert');
    expect(document.activeElement).toBe(summary);
    const reason = within(progress).getByLabelText('What happened');
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    const inline = document.getElementById('discharge-reason-error');
    expect(reason.getAttribute('aria-describedby')).toContain('discharge-reason-error');
    expect(inline?.textContent).toBe('Error: Say what happened before closing the case');
    fireEvent.click(
      within(summary).getByRole('link', { name: 'Say what happened before closing the case' }),
    );
    expect(document.activeElement).toBe(reason);
    expect(api.changes).toEqual([]);
    fireEvent.change(within(progress).getByLabelText('What happened'), {
      target: { value: 'Joined the choir; sees friends weekly' },
    });
    fireEvent.change(within(progress).getByLabelText('Anything the GP is asked to do (optional)'), {
      target: { value: 'Review her sleep at the next visit' },
    });
    fireEvent.click(within(ends).getByRole('button', { name: 'Discharged: support complete' }));
    // Nothing is sent until the worker confirms what closing does.
    const confirm = await within(progress).findByRole('alertdialog', {
      name: /Close the case as “Discharged: support complete”\?/,
    });
    expect(document.activeElement).toBe(confirm);
    expect(api.changes).toEqual([]);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Yes, close the case' }));
    await waitFor(() => {
      expect(api.changes).toEqual([
        {
          method: 'POST',
          path: 'discharge',
          body: {
            outcome: 'discharged',
            reason: 'Joined the choir; sees friends weekly',
            gpActions: 'Review her sleep at the next visit',
          },
        },
      ]);
    });
  });

  it('after closing shows the closure and whether the closing summary reached the GP record', async () => {
    const record = caseRecord({
      status: 'completed',
      businessStatus: 'discharged',
      closure: {
        reason: 'Joined the choir; sees friends weekly',
        gpActions: 'Review her sleep',
        closedAt: '2025-06-02T15:00:00Z',
      },
    });
    const details = {
      ...DETAILS,
      syncStates: [
        { kind: 'summary' as const, recordId: 'case-1', state: 'synced' as const, seq: 9 },
      ],
    };
    open(fakeApi({ record, details }));
    const closure = await screen.findByRole('region', { name: 'Closure' });
    expect(closure.textContent).toContain('2 Jun 2025 · Discharged');
    expect(closure.textContent).toContain('Joined the choir; sees friends weekly');
    expect(closure.textContent).toContain('Review her sleep');
    expect(closure.textContent).toContain('A closing summary is sent to the GP record');
    expect(within(closure).getByText('In the GP record')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Discharge' })).toBeNull();
  });

  it('starts the timeline with the referral’s arrival when the history begins later', async () => {
    const record = caseRecord({
      receivedAt: '2025-02-27T08:00:00Z',
      statusHistory: [{ status: 'accepted', at: '2025-03-02T10:00:00Z', by: ME }],
    });
    open(fakeApi({ record }));
    const timeline = await screen.findByRole('region', { name: 'Case timeline' });
    const steps = within(timeline)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(steps).toHaveLength(2);
    expect(steps[0]).toMatch(/27 Feb 2025.*Referral received$/);
    expect(steps[1]).toMatch(/2 Mar 2025.*Accepted · by you/);
  });

  it('shows the status history with dates and who made each step', async () => {
    const record = caseRecord({
      statusHistory: [
        { status: 'requested', at: '2025-03-01T09:30:00Z' },
        {
          status: 'accepted',
          businessStatus: 'awaiting-contact',
          at: '2025-03-02T10:00:00Z',
          by: COLLEAGUE,
        },
        { status: 'in-progress', businessStatus: 'contacted', at: '2025-03-04T10:00:00Z', by: ME },
      ],
    });
    open(fakeApi({ record }));
    const timeline = await screen.findByRole('region', { name: 'Case timeline' });
    const steps = within(timeline)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(steps).toHaveLength(3);
    expect(steps[0]).toMatch(/1 Mar 2025.*Referral received/);
    expect(steps[1]).toMatch(/2 Mar 2025.*Accepted · Awaiting contact · by Sam Begum/);
    expect(steps[2]).toMatch(/4 Mar 2025.*In progress · Contacted · by you/);
  });

  it('when someone else accepted first, shows the server’s words and reloads the case', async () => {
    const refusal = new ApiError(
      409,
      'conflict',
      'The referral was already accepted by Sam Begum.',
    );
    const api = fakeApi({
      record: caseRecord({ status: 'requested', businessStatus: undefined, assignedTo: undefined }),
      refuseChange: { accept: refusal },
    });
    open(api);
    const accept = await screen.findByRole('button', { name: 'Accept referral' });
    api.setRecord(
      caseRecord({ status: 'accepted', businessStatus: 'awaiting-contact', assignedTo: COLLEAGUE }),
    );
    const before = api.loads();
    fireEvent.click(accept);
    const progress = screen.getByRole('region', { name: 'Progress' });
    expect((await within(progress).findByRole('alert')).textContent).toBe(
      'There is a problem' + 'The referral was already accepted by Sam Begum.',
    );
    expect(api.loads()).toBeGreaterThan(before);
    await waitFor(() => {
      expect(screen.queryByRole('button', { name: 'Accept referral' })).toBeNull();
    });
    expect(progress.textContent).toContain('Case held by: Sam Begum');
  });

  it('names who referred and who holds the case, never by id', async () => {
    const details = {
      ...DETAILS,
      referral: DETAILS.referral && {
        ...DETAILS.referral,
        requester: { name: 'Dr Ann Patel', role: 'GP', practice: 'Riverside Surgery' },
      },
    };
    const { container } = open(fakeApi({ record: caseRecord({ assignedTo: COLLEAGUE }), details }));
    const referral = await screen.findByRole('region', { name: 'Referral' });
    expect(referral.textContent).toContain('Dr Ann Patel, GP, Riverside Surgery');
    await screen.findByText(/Case held by: Sam Begum/);
    expect(container.textContent).not.toMatch(/lw-lw-|Practitioner\//);
  });
});
