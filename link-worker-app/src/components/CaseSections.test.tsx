import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../api/api-client';
import type { DiaryAppointment } from '@linkwell/contracts';
import { caseRecord, COLLEAGUE, fakeApi, ME } from '../../test-support/fake-api';
import { openSection, TabbedCase } from '../../test-support/tabbed-case';
import { DiaryPage } from './DiaryPage';

const appointment = (patch: Partial<DiaryAppointment> = {}): DiaryAppointment => ({
  id: 'a1',
  caseId: 'case-1',
  practitioner: ME,
  status: 'booked',
  start: '2027-01-04T10:00:00Z',
  end: '2027-01-04T10:30:00Z',
  minutes: 30,
  mode: 'in-person',
  where: 'Riverside library',
  ...patch,
});

describe('the case as sections', () => {
  it('shows one section at a time, the current tab marked, the banner on every one', async () => {
    render(<TabbedCase api={fakeApi({})} />);
    const tabs = await screen.findByRole('navigation', { name: 'Case sections' });
    expect(
      within(tabs)
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual(['Overview', 'Diary', 'Goals and plan', 'Measures', 'Onward', 'Risks', 'Notes']);
    expect(within(tabs).getByRole('link', { name: 'Overview' }).getAttribute('aria-current')).toBe(
      'page',
    );
    expect(screen.queryByRole('region', { name: 'Outcome measures' })).toBeNull();
    await openSection('Measures');
    expect(screen.getByRole('region', { name: 'Outcome measures' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Progress' })).toBeNull();
    expect(screen.getByLabelText('Case summary').textContent).toContain('Held by You');
  });

  it('a new referral shows only what can be done before accepting', async () => {
    // Risks can be recorded (and safeguarding raised) before the referral is accepted.
    render(<TabbedCase api={fakeApi({ record: caseRecord({ status: 'requested' }) })} />);
    const tabs = await screen.findByRole('navigation', { name: 'Case sections' });
    expect(
      within(tabs)
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual(['Overview', 'Risks', 'Notes']);
  });
});

describe('the case diary', () => {
  it('books a meeting, and records how a booked one went; missed meetings are counted', async () => {
    const api = fakeApi({
      appointments: [appointment(), appointment({ id: 'a0', status: 'noshow' })],
    });
    render(<TabbedCase api={api} section="diary" />);
    const diary = await screen.findByRole('region', { name: 'Diary' });
    expect(diary.textContent).toContain('Did not attend 1');
    expect(within(diary).getByText('Did not attend', { selector: '.nhsuk-tag' })).toBeTruthy();
    fireEvent.click(within(diary).getByRole('button', { name: 'Did not attend' }));
    await waitFor(() => {
      expect(api.changes[0]).toEqual({
        method: 'POST',
        path: 'appointments/a1/outcome',
        body: { outcome: 'did-not-attend' },
      });
    });
    fireEvent.change(within(diary).getByLabelText('When'), {
      target: { value: '2027-01-11T14:00' },
    });
    fireEvent.click(within(diary).getByLabelText('Phone call'));
    fireEvent.click(within(diary).getByRole('button', { name: 'Book' }));
    await waitFor(() => {
      expect(api.changes[1]).toEqual({
        method: 'POST',
        path: 'appointments',
        body: { start: new Date('2027-01-11T14:00').toISOString(), minutes: 30, mode: 'phone' },
      });
    });
  });

  it('says why a double-booked slot was refused', async () => {
    const refusal = new ApiError(
      409,
      'double-booked',
      'That time is already booked in this diary: Mon 4 Jan, 10:00 to 10:30.',
    );
    render(
      <TabbedCase api={fakeApi({ refuseChange: { appointments: refusal } })} section="diary" />,
    );
    const diary = await screen.findByRole('region', { name: 'Diary' });
    fireEvent.change(within(diary).getByLabelText('When'), {
      target: { value: '2027-01-04T10:15' },
    });
    fireEvent.click(within(diary).getByRole('button', { name: 'Book' }));
    expect((await within(diary).findByRole('alert')).textContent).toContain('already booked');
  });

  it('lists a day of the worker’s diary with each person’s name, opening their case', async () => {
    const onOpen = jest.fn();
    const now = new Date().toISOString();
    const api = fakeApi({
      appointments: [appointment({ patientName: 'Margaret Ellison', start: now, end: now })],
    });
    render(<DiaryPage api={api} onOpen={onOpen} />);
    fireEvent.click(await screen.findByRole('link', { name: 'Margaret Ellison' }));
    expect(onOpen).toHaveBeenCalledWith('case-1');
    fireEvent.click(screen.getByLabelText('Week'));
    expect(await screen.findAllByRole('heading', { level: 2 })).toHaveLength(7);
  });
});

describe('the case team', () => {
  it('names who holds the case and hands it to a colleague, never showing ids', async () => {
    const api = fakeApi({
      assignments: {
        history: [
          { seq: 1, kind: 'holder', practitioner: ME, at: '2025-03-02T10:00:00Z', by: COLLEAGUE },
        ],
        cover: null,
      },
    });
    render(<TabbedCase api={api} />);
    const team = await screen.findByRole('region', { name: 'Team' });
    expect(team.textContent).toContain('handed to You by Sam Begum');
    expect(team.textContent).not.toMatch(/Practitioner\/|lw-lw-/);
    fireEvent.change(within(team).getByLabelText('Hand the case to'), {
      target: { value: COLLEAGUE },
    });
    fireEvent.click(within(team).getByRole('button', { name: 'Hand over' }));
    const loads = api.loads();
    await waitFor(() => {
      expect(api.changes[0]).toEqual({ method: 'POST', path: 'assign', body: { to: COLLEAGUE } });
    });
    // The case is read again, so its banner names the new holder.
    await waitFor(() => {
      expect(api.loads()).toBeGreaterThan(loads);
    });
  });
});
