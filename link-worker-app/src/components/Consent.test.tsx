import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../api/api-client';
import { caseRecord, CONSENT, DETAILS, fakeApi } from '../../test-support/fake-api';
import { openSection, TabbedCase } from '../../test-support/tabbed-case';

const open = (api: ReturnType<typeof fakeApi>) => render(<TabbedCase api={api} />);
const BOXES = {
  goal: ['Goals and plan', /Goals/, /^Share with the GP/],
  outcome: ['Measures', /Outcome measures/, /^Share the scores with the GP/],
  onward: ['Onward', /Onward referrals/, /^Share with the GP/],
} as const;
/** A section's share box, found by its label (on that section's tab). */
const checkbox = (which: keyof typeof BOXES): HTMLInputElement => {
  const [tab, section, label] = BOXES[which];
  fireEvent.click(screen.getByRole('link', { name: tab }));
  return within(screen.getByRole('region', { name: section })).getByLabelText<HTMLInputElement>(
    label,
  );
};

describe('Consent on the case page', () => {
  it('shows what the person agreed to, when and who recorded it', async () => {
    open(fakeApi({}));
    const panel = await screen.findByRole('region', { name: 'Consent' });
    expect(within(panel).getByText('Share the referral with this service')).toBeTruthy();
    expect(within(panel).getByText('Write goals and outcomes back to the GP record')).toBeTruthy();
    expect(within(panel).getAllByText('Agreed')).toHaveLength(2);
    expect(within(panel).getAllByText('Not agreed')).toHaveLength(1);
    expect(panel.textContent).toContain('1 Mar 2025 by Dr Ann Patel');
  });

  it('records the research choice separately, and withdraws it', async () => {
    const api = fakeApi({});
    open(api);
    const panel = await screen.findByRole('region', { name: 'Consent' });
    const row = within(panel)
      .getByText(/for research and service evaluation/)
      .closest('div');
    expect(within(row as HTMLElement).getByText('Not agreed')).toBeTruthy();
    api.setRecord(
      caseRecord({
        consent: {
          ...CONSENT,
          research: true,
          researchChangedAt: '2025-04-01T10:00:00Z',
          researchChangedBy: 'Sam Begum',
        },
      }),
    );
    fireEvent.click(
      within(panel).getByRole('button', { name: 'Record that they agree to research use' }),
    );
    await waitFor(() => {
      expect(panel.textContent).toContain('Agreed (recorded on 1 Apr 2025 by Sam Begum)');
    });
    expect(within(row as HTMLElement).getByText('Agreed')).toBeTruthy();
    api.setRecord(caseRecord({ consent: { ...CONSENT, research: false } }));
    fireEvent.click(
      within(panel).getByRole('button', {
        name: 'Record that they no longer agree to research use',
      }),
    );
    await waitFor(() => {
      expect(within(row as HTMLElement).getByText('Not agreed')).toBeTruthy();
    });
    expect(api.changes).toEqual([
      { method: 'PUT', path: 'consent/research', body: { permitted: true } },
      { method: 'PUT', path: 'consent/research', body: { permitted: false } },
    ]);
  });

  it('offers no research choice once consent is withdrawn', async () => {
    open(
      fakeApi({
        record: caseRecord({
          consent: { ...CONSENT, status: 'inactive', withdrawnAt: '2025-04-05T11:00:00Z' },
        }),
      }),
    );
    const panel = await screen.findByRole('region', { name: 'Consent' });
    expect(within(panel).queryByRole('button', { name: /research use/ })).toBeNull();
  });

  it('records a withdrawal only after confirmation, then says nothing more is written back', async () => {
    const api = fakeApi({});
    open(api);
    const panel = await screen.findByRole('region', { name: 'Consent' });
    fireEvent.click(within(panel).getByRole('button', { name: 'Record withdrawal of consent' }));
    fireEvent.click(within(panel).getByRole('button', { name: 'Cancel' }));
    expect(api.changes).toEqual([]);
    fireEvent.click(within(panel).getByRole('button', { name: 'Record withdrawal of consent' }));
    expect(panel.textContent).toContain('nothing more is written back to the GP record');
    api.setRecord(
      caseRecord({
        consent: {
          ...CONSENT,
          status: 'inactive',
          withdrawnAt: '2025-04-05T11:00:00Z',
          withdrawnBy: 'Sam Begum',
        },
      }),
    );
    fireEvent.click(within(panel).getByRole('button', { name: 'Yes, record the withdrawal' }));
    await waitFor(() => {
      expect(panel.textContent).toContain(
        'Consent withdrawn on 5 Apr 2025 by Sam Begum: nothing more is written back to the GP record',
      );
    });
    expect(api.changes).toEqual([{ method: 'POST', path: 'consent/withdraw', body: {} }]);
    expect(within(panel).queryByRole('button', { name: /withdrawal/ })).toBeNull();
    expect(within(panel).getByText('Withdrawn')).toBeTruthy();
    // The share boxes follow: off, and say why.
    expect(checkbox('goal').checked).toBe(false);
    expect(checkbox('goal').disabled).toBe(true);
  });

  it('ticks the share boxes when write-back is allowed', async () => {
    const api = fakeApi({});
    open(api);
    await screen.findByRole('link', { name: 'Goals and plan' });
    for (const box of ['goal', 'outcome', 'onward'] as const) {
      expect(checkbox(box).checked).toBe(true);
      expect(checkbox(box).disabled).toBe(false);
    }
    await openSection('Goals and plan');
    fireEvent.change(screen.getByLabelText('New goal, in the person’s own words'), {
      target: { value: 'Sing again' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add goal' }));
    await waitFor(() => {
      expect(api.changes[0]).toMatchObject({ path: 'goals', body: { share: true } });
    });
  });

  it('after adding a goal the cursor is back in the goal’s words and the target date is kept', async () => {
    const api = fakeApi({});
    open(api);
    await openSection('Goals and plan');
    const words = screen.getByLabelText<HTMLTextAreaElement>('New goal, in the person’s own words');
    fireEvent.change(words, { target: { value: 'Sing again' } });
    fireEvent.change(screen.getByLabelText('Target date (optional)'), {
      target: { value: '2027-03-01' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add goal' }));
    await waitFor(() => {
      expect(document.activeElement).toBe(words);
    });
    expect(words.value).toBe('');
    expect(screen.getByLabelText<HTMLInputElement>('Target date (optional)').value).toBe(
      '2027-03-01',
    );
  });

  it('without write-back consent the share boxes are off, disabled and explained', async () => {
    const api = fakeApi({ record: caseRecord({ consent: { ...CONSENT, writeBack: false } }) });
    open(api);
    await screen.findByRole('link', { name: 'Goals and plan' });
    for (const box of ['goal', 'outcome', 'onward'] as const) {
      expect(checkbox(box).checked).toBe(false);
      expect(checkbox(box).disabled).toBe(true);
      expect(checkbox(box).getAttribute('aria-describedby')).toMatch(/-why$/);
      expect(
        screen.getAllByText(/did not agree to have goals and outcomes written back/).length,
      ).toBeGreaterThanOrEqual(1);
    }
    // The onward tab is showing: pick the service from the directory's results.
    fireEvent.click(
      await screen.findByRole('button', { name: /Riverside Ramblers walking group/ }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Refer to this service' }));
    await waitFor(() => {
      expect(api.changes[0]).toEqual({
        method: 'POST',
        path: 'onward-referrals',
        body: { service: 'lw-cs-walking', share: false },
      });
    });
  });

  it('with no consent at all, says so and shares nothing', async () => {
    open(fakeApi({ record: caseRecord({ consent: null }) }));
    const panel = await screen.findByRole('region', { name: 'Consent' });
    expect(panel.textContent).toContain('No consent came with this referral');
    expect(checkbox('goal').disabled).toBe(true);
  });

  it('shows a 409 no-consent refusal clearly and reloads the case', async () => {
    const refusal = new ApiError(
      409,
      'no-consent',
      'The patient did not agree to have goals written back to the GP record.',
    );
    const api = fakeApi({ refuseChange: { goals: refusal }, details: DETAILS });
    open(api);
    await openSection('Goals and plan');
    fireEvent.change(await screen.findByLabelText('New goal, in the person’s own words'), {
      target: { value: 'Sing again' },
    });
    const before = api.loads();
    api.setRecord(caseRecord({ consent: { ...CONSENT, writeBack: false } }));
    fireEvent.click(screen.getByRole('button', { name: 'Add goal' }));
    const goals = screen.getByRole('region', { name: /Goals/ });
    expect((await within(goals).findByRole('alert')).textContent).toBe(
      'There is a problem' +
        'Not saved: The patient did not agree to have goals written back to the GP record. The share box now follows the person’s consent: save again to keep this with your service only.',
    );
    expect(api.loads()).toBeGreaterThan(before);
    await waitFor(() => {
      expect(checkbox('goal').disabled).toBe(true);
    });
    // What was typed is kept, to save again.
    expect(
      screen.getByLabelText<HTMLTextAreaElement>('New goal, in the person’s own words').value,
    ).toBe('Sing again');
  });

  it('a refused withdrawal shows the server’s words, not share-box advice', async () => {
    const refusal = new ApiError(
      409,
      'no-consent',
      'This case has no recorded consent to withdraw.',
    );
    open(fakeApi({ refuseChange: { 'consent/withdraw': refusal } }));
    const panel = await screen.findByRole('region', { name: 'Consent' });
    fireEvent.click(within(panel).getByRole('button', { name: 'Record withdrawal of consent' }));
    fireEvent.click(within(panel).getByRole('button', { name: 'Yes, record the withdrawal' }));
    expect((await within(panel).findByRole('alert')).textContent).toBe(
      'There is a problem' + 'This case has no recorded consent to withdraw.',
    );
  });
});
