import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { CasePage } from '../components/CasePage';
import { CONSENT, caseRecord, fakeApi } from '../../test-support/fake-api';
import type { CaseCarePlan } from '@linkwell/contracts';

// The first render of a whole case page can take over a second on a busy machine.
configure({ asyncUtilTimeout: 5000 });
const BY = 'Practitioner/lw-1';
const AT = '2025-03-01T09:30:00Z';
const PLAN: CaseCarePlan = {
  plan: { whatMatters: 'Getting back to the choir', shared: false, updatedBy: BY, updatedAt: AT },
  needs: [
    {
      id: 'n-1',
      need: 'money-debt',
      concern: 'Behind on the gas bill',
      assessedBy: BY,
      assessedAt: AT,
    },
  ],
  actions: [
    {
      id: 'a-1',
      description: 'Call the choir leader',
      who: 'Margaret',
      status: 'agreed',
      createdBy: BY,
      createdAt: AT,
    },
    { id: 'a-2', description: 'Ring the council', status: 'dropped', createdBy: BY, createdAt: AT },
  ],
  goals: [
    {
      id: 'g-1',
      description: 'Sing again',
      lifecycleStatus: 'active',
      startDate: '2025-03-01',
      shared: false,
    },
  ],
  onward: [
    {
      id: 'o-1',
      serviceRef: 'HealthcareService/ramblers',
      serviceName: 'Riverside Ramblers walking group',
      status: 'active',
      authoredOn: AT,
      shared: false,
    },
  ],
};
const reads = { 'cases/case-1/care-plan': PLAN };
/** The case on its Goals and plan section, where the care plan is. */
const open = (api: ReturnType<typeof fakeApi>) =>
  render(<CasePage api={api} caseId="case-1" section="goals" onBack={jest.fn()} />);

describe('the care and support plan', () => {
  it('reads as a plan the person can take away, without dropped actions', async () => {
    open(fakeApi({ reads }));
    fireEvent.click(await screen.findByRole('button', { name: 'Show the plan to take away' }));
    const plan = await screen.findByRole('article', { name: /My care and support plan/ });
    expect(plan.textContent).toContain('Margaret Ellison');
    expect(plan.textContent).toContain('Getting back to the choir');
    expect(plan.textContent).toContain('Money worries or debt: Behind on the gas bill');
    expect(plan.textContent).toContain('Sing again');
    expect(plan.textContent).toContain('Call the choir leader (Margaret) — To do');
    expect(plan.textContent).not.toContain('Ring the council');
    expect(plan.textContent).toContain('Riverside Ramblers walking group');
    const print = jest.fn();
    window.print = print;
    fireEvent.click(screen.getByRole('button', { name: 'Print the plan' }));
    expect(print).toHaveBeenCalledTimes(1);
  });

  it('records an assessed need and shares the plan when the person agreed', async () => {
    const api = fakeApi({ reads });
    open(api);
    const section = await screen.findByRole('region', { name: 'Needs and care plan' });
    await within(section).findByRole('button', { name: 'Show the plan to take away' });
    fireEvent.change(within(section).getByLabelText('A need or concern you assessed together'), {
      target: { value: 'loneliness' },
    });
    fireEvent.change(within(section).getByLabelText('In their words (optional)'), {
      target: { value: 'No one to talk to' },
    });
    fireEvent.click(within(section).getByRole('button', { name: 'Add need' }));
    await waitFor(() => {
      expect(api.changes).toHaveLength(1);
    });
    fireEvent.click(within(section).getByLabelText(/Share the plan with the GP record/));
    await waitFor(() => {
      expect(
        within(section).getByRole<HTMLButtonElement>('button', { name: 'Save the plan' }).disabled,
      ).toBe(false);
    });
    fireEvent.click(within(section).getByRole('button', { name: 'Save the plan' }));
    await waitFor(() => {
      expect(api.changes).toEqual([
        {
          method: 'POST',
          path: 'assessed-needs',
          body: { need: 'loneliness', concern: 'No one to talk to' },
        },
        {
          method: 'PUT',
          path: 'care-plan',
          body: { whatMatters: 'Getting back to the choir', share: true },
        },
      ]);
    });
  });

  it('cannot share the plan without write-back consent', async () => {
    open(fakeApi({ reads, record: caseRecord({ consent: { ...CONSENT, writeBack: false } }) }));
    const section = await screen.findByRole('region', { name: 'Needs and care plan' });
    await within(section).findByRole('button', { name: 'Show the plan to take away' });
    expect(
      within(section).getByLabelText<HTMLInputElement>(/Share the plan with the GP record/)
        .disabled,
    ).toBe(true);
  });
});
