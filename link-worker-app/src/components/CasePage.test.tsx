import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { caseRecord, DETAILS, fakeApi } from '../../test-support/fake-api';
import { openSection, TabbedCase } from '../../test-support/tabbed-case';

const open = (api: ReturnType<typeof fakeApi>, section?: string) =>
  render(<TabbedCase api={api} section={section} />);

describe('CasePage', () => {
  it('shows the GP’s referral and lets the link worker accept or reject a new one', async () => {
    const api = fakeApi({ record: caseRecord({ status: 'requested', businessStatus: undefined }) });
    open(api);
    const referral = await screen.findByRole('region', { name: 'Referral' });
    expect(referral.textContent).toContain('Lost her husband in January');
    expect(referral.textContent).toContain('Telephone call');
    expect(referral.textContent).toContain('urgent');
    expect(screen.queryByRole('region', { name: /Goals/ })).toBeNull();
    fireEvent.change(screen.getByLabelText('Reason for not accepting'), {
      target: { value: 'outside-area' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Reject referral' }));
    await waitFor(() => {
      expect(api.changes).toEqual([
        { method: 'POST', path: 'reject', body: { reason: 'outside-area' } },
      ]);
    });
    const accept = screen.getByRole<HTMLButtonElement>('button', { name: 'Accept referral' });
    await waitFor(() => {
      expect(accept.disabled).toBe(false);
    });
    fireEvent.click(accept);
    await waitFor(() => {
      expect(api.changes[1]).toEqual({ method: 'POST', path: 'accept' });
    });
  });

  it('names the GP record a case is on when the service takes referrals from several', async () => {
    const one = fakeApi({});
    const { unmount } = open(one);
    const referral = await screen.findByRole('region', { name: 'Referral' });
    expect(within(referral).queryByText('GP record')).toBeNull();
    unmount();
    open(
      fakeApi({
        details: {
          ...DETAILS,
          gpRecord: { id: 'practice-b', name: 'Hillview Practice (SystmOne)' },
        },
      }),
    );
    const named = await screen.findByRole('region', { name: 'Referral' });
    expect(within(named).getByText('GP record')).toBeTruthy();
    expect(within(named).getByText('Hillview Practice (SystmOne)')).toBeTruthy();
  });

  it('scores SWEMWBS as it is entered and saves it alone as the baseline', async () => {
    const api = fakeApi({});
    open(api, 'measures');
    await screen.findByRole('region', { name: 'Outcome measures' });
    // With nothing recorded the form shows the set, and says plainly that each is the baseline.
    expect(screen.getByRole('group', { name: 'ONS4 personal wellbeing: baseline' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'SWEMWBS wellbeing: baseline' })).toBeTruthy();
    expect(screen.getByText(/These record the first of each questionnaire/)).toBeTruthy();
    expect(
      screen.getByText(/SWEMWBS wellbeing score: answer every question/).textContent,
    ).toContain('0 of 7');
    for (let item = 1; item <= 7; item += 1) {
      // Each statement is a radio group named by its statement; one click answers it.
      const group = screen.getByRole('group', { name: `Statement ${item}` });
      const radios = within(group).getAllByRole<HTMLInputElement>('radio');
      expect(radios).toHaveLength(5);
      expect(new Set(radios.map((r) => r.name)).size).toBe(1);
      fireEvent.click(radios[2] as HTMLInputElement);
    }
    expect(screen.getByText('SWEMWBS metric score: 19.25')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save baseline SWEMWBS wellbeing' }));
    await waitFor(() => {
      expect(api.changes[0]).toMatchObject({
        path: 'questionnaires',
        body: { instrument: 'swemwbs', timing: 'baseline', share: true },
      });
    });
    // Only the one answered is saved, and the form says so.
    expect(api.changes).toHaveLength(1);
    expect((await screen.findByRole('status')).textContent).toBe(
      'SWEMWBS wellbeing baseline saved.',
    );
  });

  it('charts baseline against follow-up and shows whether each item reached the GP record', async () => {
    const answers = (n: number) => ({ 'lack-companionship': n, 'left-out': n, isolated: n });
    const record = caseRecord({
      goals: [
        {
          id: 'g1',
          description: 'Sing again',
          lifecycleStatus: 'active',
          startDate: '2025-03-02',
          shared: true,
        },
      ],
      questionnaires: [
        {
          id: 'q1',
          instrument: 'ucla3',
          timing: 'baseline',
          answers: answers(3),
          authored: '2025-03-02T10:00:00Z',
          shared: true,
        },
        {
          id: 'q2',
          instrument: 'ucla3',
          timing: 'follow-up',
          answers: answers(2),
          authored: '2025-05-02T10:00:00Z',
          shared: true,
        },
      ],
      notes: [
        { id: 'n1', author: 'x', text: 'Prefers mornings', createdAt: '2025-03-02T10:00:00Z' },
      ],
    });
    const details = {
      ...DETAILS,
      syncStates: [
        {
          kind: 'goal' as const,
          recordId: 'g1',
          state: 'refused' as const,
          message: 'Goal.target.dueDate: invalid',
          seq: 41,
        },
        { kind: 'outcome' as const, recordId: 'q1', state: 'synced' as const, seq: 42 },
      ],
    };
    const api = fakeApi({ record, details });
    open(api, 'measures');
    const outcomes = await screen.findByRole('region', { name: 'Outcome measures' });
    expect(outcomes.textContent).toContain('Better by 3 since baseline');
    expect(within(outcomes).getByText('In the GP record')).toBeTruthy();
    expect(within(outcomes).getByText('Waiting to reach the GP record')).toBeTruthy();
    // With a baseline recorded, the form says it records a follow-up (the others, a baseline).
    expect(screen.getByRole('group', { name: 'UCLA-3 loneliness: follow-up' })).toBeTruthy();
    expect(screen.getByText(/A baseline UCLA-3 loneliness is recorded/)).toBeTruthy();
    expect(screen.getByRole('group', { name: 'ONS4 personal wellbeing: baseline' })).toBeTruthy();
    await openSection('Goals and plan');
    const goals = screen.getByRole('region', { name: /Goals/ });
    expect(goals.textContent).toContain('Goal.target.dueDate: invalid');
    fireEvent.click(within(goals).getByRole('button', { name: 'Send again' }));
    await waitFor(() => {
      expect(api.retried).toEqual([41]);
    });
    await openSection('Notes');
    const notes = screen.getByRole('region', { name: 'Private notes' });
    expect(within(notes).getByText('Never shared')).toBeTruthy();
    expect(notes.textContent).toContain('Prefers mornings');
  });

  it('picks an onward referral from the directory, showing what it offers and where', async () => {
    const api = fakeApi({});
    open(api, 'onward');
    // The directory's first search (everything) fills the list of services to choose from.
    const ramblers = await screen.findByRole('button', {
      name: /Riverside Ramblers walking group/,
    });
    fireEvent.click(ramblers);
    expect(ramblers.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText('Friendly weekly walks')).toBeTruthy();
    expect(screen.getByText(/Riverside Park gates/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Refer to this service' }));
    await waitFor(() => {
      expect(api.changes[0]).toEqual({
        method: 'POST',
        path: 'onward-referrals',
        body: { service: 'lw-cs-walking', share: true },
      });
    });
  });

  it('logs a contact and moves an early case on to contacted', async () => {
    const api = fakeApi({
      record: caseRecord({ status: 'accepted', businessStatus: 'awaiting-contact' }),
    });
    open(api);
    // The method is a radio group (phone by default); one click on the outcome logs it.
    expect(
      within(await screen.findByRole('group', { name: 'How' })).getByLabelText<HTMLInputElement>(
        'Phone call',
      ).checked,
    ).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Spoke with them' }));
    await waitFor(() => {
      expect(api.changes).toEqual([
        { method: 'POST', path: 'contact-attempts', body: { method: 'phone', outcome: 'reached' } },
        { method: 'PUT', path: 'business-status', body: { businessStatus: 'contacted' } },
      ]);
    });
  });
});
