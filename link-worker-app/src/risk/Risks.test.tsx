import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { CasePage } from '../components/CasePage';
import { CONSENT, caseRecord, fakeApi } from '../../test-support/fake-api';
import { ApiError, type CaseRisks } from '@linkwell/contracts';

// The first render of a whole case page can take over a second on a busy machine.
configure({ asyncUtilTimeout: 5000 });
const RISKS: CaseRisks = {
  risks: [
    {
      id: 'r-1',
      type: 'lone-working',
      label: 'Lone-working risk',
      detail: 'Large dog; meet at the practice',
      status: 'active',
      source: 'referral',
      shareWithGp: false,
      recordedBy: 'Practitioner/gp-1',
      recordedAt: '2025-03-01T09:30:00Z',
    },
    {
      id: 'r-2',
      type: 'other-agency',
      label: 'Other agencies involved',
      detail: 'Housing officer',
      status: 'resolved',
      source: 'link-worker',
      shareWithGp: false,
      recordedBy: 'Practitioner/lw-1',
      recordedByName: 'Jo Carter',
      recordedAt: '2025-03-02T09:30:00Z',
    },
  ],
  communication: {
    source: 'referral',
    updatedAt: '2025-03-01T09:30:00Z',
    needs: { language: { code: 'pl' }, interpreterNeeded: true, adjustments: ['large-print'] },
  },
};

/** The case on its Risks section (the banner shows on every section). */
const open = (api: ReturnType<typeof fakeApi>) =>
  render(<CasePage api={api} caseId="case-1" section="risks" onBack={jest.fn()} />);

describe('risks on the case page', () => {
  it('shows active risks and communication needs in the banner, not resolved ones', async () => {
    open(fakeApi({ reads: { 'cases/case-1/risks': RISKS } }));
    const banner = await screen.findByRole('region', { name: 'Risks and communication needs' });
    expect(banner.textContent).toContain('Lone-working risk Large dog; meet at the practice');
    expect(banner.textContent).not.toContain('Housing officer');
    expect(banner.textContent).toContain('Polish, interpreter needed; Large print');
  });

  it('shows no banner when nothing is recorded', async () => {
    open(fakeApi({ reads: { 'cases/case-1/risks': { risks: [], communication: null } } }));
    await screen.findByRole('region', { name: 'Risk and safeguarding' });
    expect(screen.queryByRole('region', { name: 'Risks and communication needs' })).toBeNull();
  });

  it('records a risk for the GP, and reviews one', async () => {
    const api = fakeApi({ reads: { 'cases/case-1/risks': RISKS } });
    open(api);
    const panel = await screen.findByRole('region', { name: 'Risk and safeguarding' });
    await within(panel).findByText(/From the referral/);
    // Saved without a kind, the form says what to fix and sends nothing.
    fireEvent.click(within(panel).getByRole('button', { name: 'Save risk' }));
    expect(
      within(await within(panel).findByRole('alert')).getByRole('link', {
        name: 'Choose the kind of risk',
      }),
    ).toBeTruthy();
    expect(api.changes).toEqual([]);
    fireEvent.change(within(panel).getByLabelText('Record a risk'), {
      target: { value: 'safeguarding-adult' },
    });
    fireEvent.change(within(panel).getByLabelText('What to know'), {
      target: { value: 'Neighbour takes her pension' },
    });
    fireEvent.click(within(panel).getByLabelText(/The GP should know/));
    fireEvent.click(within(panel).getByRole('button', { name: 'Save risk' }));
    await waitFor(() => {
      expect(api.changes).toHaveLength(1);
    });
    // Kept, the form is clear again and its problem gone.
    await waitFor(() => {
      expect(within(panel).getByLabelText<HTMLSelectElement>('Record a risk').value).toBe('');
    });
    expect(within(panel).queryByRole('alert')).toBeNull();
    fireEvent.click(
      within(panel).getByRole('button', { name: 'Mark resolved: Lone-working risk' }),
    );
    await waitFor(() => {
      expect(api.changes).toEqual([
        {
          method: 'POST',
          path: 'risks',
          body: {
            type: 'safeguarding-adult',
            detail: 'Neighbour takes her pension',
            shareWithGp: true,
          },
        },
        { method: 'POST', path: 'risks/r-1/review', body: { status: 'resolved' } },
      ]);
    });
  });

  it('shows the adapter’s refusal beside the field it names, linked from the summary', async () => {
    const refusal = new ApiError(400, 'bad-request', 'Say which agencies are involved.', 'detail');
    const api = fakeApi({
      reads: { 'cases/case-1/risks': RISKS },
      refuseChange: { risks: refusal },
    });
    open(api);
    const panel = await screen.findByRole('region', { name: 'Risk and safeguarding' });
    fireEvent.change(within(panel).getByLabelText('Record a risk'), {
      target: { value: 'other-agency' },
    });
    fireEvent.click(within(panel).getByRole('button', { name: 'Save risk' }));
    const summary = await within(panel).findByRole('alert');
    expect(document.activeElement).toBe(summary);
    const link = within(summary).getByRole('link', { name: 'Say which agencies are involved.' });
    expect(link.getAttribute('href')).toBe('#risk-detail');
    const detail = within(panel).getByLabelText('What to know');
    expect(detail.className).toBe('nhsuk-textarea nhsuk-textarea--error');
    expect(detail.getAttribute('aria-describedby')).toBe('risk-detail-hint risk-detail-error');
    expect(document.getElementById('risk-detail-error')?.textContent).toBe(
      'Error: Say which agencies are involved.',
    );
    // The kind, which was fine, is not marked.
    expect(within(panel).getByLabelText('Record a risk').getAttribute('aria-invalid')).toBeNull();
    fireEvent.click(link);
    expect(document.activeElement).toBe(detail);
  });

  it('keeps the GP box off when the person did not agree to write-back', async () => {
    const api = fakeApi({
      reads: { 'cases/case-1/risks': RISKS },
      record: caseRecord({ consent: { ...CONSENT, writeBack: false } }),
    });
    open(api);
    const panel = await screen.findByRole('region', { name: 'Risk and safeguarding' });
    const box = within(panel).getByLabelText<HTMLInputElement>(/The GP should know/);
    expect(box.disabled).toBe(true);
  });
});
