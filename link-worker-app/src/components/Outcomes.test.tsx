import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../api/api-client';
import { caseRecord, fakeApi } from '../../test-support/fake-api';
import { TabbedCase } from '../../test-support/tabbed-case';
import { saveLabel } from './Outcomes';

/** Answers every question of one questionnaire with the choice at `index`. */
function answerAll(title: string, index: number): void {
  const set = screen.getByRole('group', { name: new RegExp(`^${title}: `) });
  for (const group of within(set).getAllByRole('group')) {
    const radios = within(group).getAllByRole<HTMLInputElement>('radio');
    fireEvent.click(radios[index] as HTMLInputElement);
  }
}

const save = () => screen.getByRole<HTMLButtonElement>('button', { name: /^Save / });

describe('Outcomes: the questionnaires recorded together', () => {
  it('saves the three baselines with one press, one record each, in order', async () => {
    const api = fakeApi({});
    render(<TabbedCase api={api} section="measures" />);
    await screen.findByRole('region', { name: 'Outcome measures' });
    // Saved with nothing answered, the form says so and sends nothing.
    fireEvent.click(save());
    expect(
      within(await screen.findByRole('alert')).getByRole('link', {
        name: 'Answer at least one questionnaire before saving',
      }),
    ).toBeTruthy();
    expect(api.changes).toEqual([]);
    answerAll('ONS4 personal wellbeing', 5);
    answerAll('SWEMWBS wellbeing', 2);
    answerAll('UCLA-3 loneliness', 0);
    expect(save().textContent).toBe('Save 3 baseline questionnaires');
    fireEvent.click(save());
    expect((await screen.findByText(/UCLA-3 loneliness baseline saved\./)).textContent).toBe(
      'ONS4 personal wellbeing baseline, SWEMWBS wellbeing baseline and UCLA-3 loneliness baseline saved.',
    );
    expect(api.changes.map((c) => c.body)).toEqual([
      expect.objectContaining({ instrument: 'ons4', timing: 'baseline' }),
      expect.objectContaining({ instrument: 'swemwbs', timing: 'baseline' }),
      expect.objectContaining({
        instrument: 'ucla3',
        timing: 'baseline',
        answers: { 'lack-companionship': 1, 'left-out': 1, isolated: 1 },
      }),
    ]);
    // The form is empty again.
    expect(screen.getAllByText(/answer every question to see it \(0 of/)).toHaveLength(3);
  });

  it('holds the save while one is half answered, until it is finished or cleared', async () => {
    const api = fakeApi({});
    render(<TabbedCase api={api} section="measures" />);
    await screen.findByRole('region', { name: 'Outcome measures' });
    answerAll('UCLA-3 loneliness', 1);
    const ons4 = screen.getByRole('group', { name: 'ONS4 personal wellbeing: baseline' });
    fireEvent.click(within(ons4).getAllByRole('radio')[3] as HTMLInputElement);
    expect(
      screen.getByText(/ONS4 personal wellbeing: answer every question, or clear/),
    ).toBeTruthy();
    // Saved half answered: the summary links to the first question left, which says so too.
    fireEvent.click(save());
    const summary = await screen.findByRole('alert');
    const link = within(summary).getByRole('link', {
      name: 'ONS4 personal wellbeing: answer every question, or clear its answers to leave it out',
    });
    expect(api.changes).toEqual([]);
    const second = screen.getByRole('group', { name: /worthwhile/ });
    expect(link.getAttribute('href')).toBe(`#${within(second).getAllByRole('radio')[0]?.id ?? ''}`);
    expect(second.getAttribute('aria-describedby')).toMatch(/-error$/);
    fireEvent.click(
      screen.getByRole('button', { name: 'Clear the ONS4 personal wellbeing answers' }),
    );
    expect(save().textContent).toBe('Save baseline UCLA-3 loneliness');
    fireEvent.click(save());
    await waitFor(() => {
      expect(api.changes.map((c) => c.body)).toEqual([
        expect.objectContaining({ instrument: 'ucla3' }),
      ]);
    });
  });

  it('keeps the answers of those not saved when the adapter refuses part-way', async () => {
    const api = fakeApi({ record: caseRecord({ questionnaires: [] }) });
    const change = api.change.bind(api);
    let calls = 0;
    api.change = (...args) => {
      calls += 1;
      return calls === 2
        ? Promise.reject(new ApiError(400, 'invalid-input', 'SWEMWBS answers are out of range'))
        : change(...args);
    };
    render(<TabbedCase api={api} section="measures" />);
    await screen.findByRole('region', { name: 'Outcome measures' });
    answerAll('ONS4 personal wellbeing', 5);
    answerAll('SWEMWBS wellbeing', 2);
    answerAll('UCLA-3 loneliness', 0);
    fireEvent.click(save());
    const summary = await screen.findByRole('alert');
    // The refusal is about the SWEMWBS questionnaire: the summary links to its first question.
    const link = within(summary).getByRole('link', { name: 'SWEMWBS answers are out of range' });
    expect(link.getAttribute('href')).toMatch(/^#q-swemwbs-/);
    expect(screen.getByRole('status').textContent).toBe('ONS4 personal wellbeing baseline saved.');
    expect(api.changes).toHaveLength(1);
    // ONS4 is cleared; SWEMWBS and UCLA-3 keep their answers, ready to save again.
    expect(screen.getByText(/ONS4 personal wellbeing score: answer every question/)).toBeTruthy();
    expect(save().textContent).toBe('Save 2 baseline questionnaires');
  });

  it('names what the button records', () => {
    expect(saveLabel([])).toBe('Save measures');
    expect(saveLabel([{ instrument: 'ons4', timing: 'follow-up' }])).toBe(
      'Save follow-up ONS4 personal wellbeing',
    );
    expect(
      saveLabel([
        { instrument: 'ons4', timing: 'follow-up' },
        { instrument: 'ucla3', timing: 'baseline' },
      ]),
    ).toBe('Save 2 questionnaires');
  });
});
