import { ApiError } from '@linkwell/contracts';
import { check, controlOf, messageAt, problemsOf, shareRefusalText } from './form-errors';

const CONTROLS = {
  description: 'goal-description',
  answers: 'q-first',
  'answers.anxiety': 'q-anxiety',
  needs: 'need-first',
};

describe('form errors', () => {
  it('finds the control of a field, or of the nearest field around it', () => {
    expect(controlOf('description', CONTROLS)).toBe('goal-description');
    expect(controlOf('answers.anxiety', CONTROLS)).toBe('q-anxiety');
    expect(controlOf('answers.happy', CONTROLS)).toBe('q-first');
    expect(controlOf('needs[1]', CONTROLS)).toBe('need-first');
    expect(controlOf('needs[1].code', CONTROLS)).toBe('need-first');
    expect(controlOf('consent.writeBack', CONTROLS)).toBeUndefined();
    expect(controlOf(undefined, CONTROLS)).toBeUndefined();
    expect(controlOf('', CONTROLS)).toBeUndefined();
  });

  it('puts a refusal against the control its field names, in the adapter’s words', () => {
    const refusal = new ApiError(400, 'bad-request', 'description is required.', 'description');
    expect(problemsOf(refusal, CONTROLS)).toEqual([
      { message: 'description is required.', control: 'goal-description' },
    ]);
  });

  it('keeps a refusal about no field, or any other failure, for the whole form', () => {
    expect(problemsOf(new ApiError(409, 'conflict', 'The case is closed.'), CONTROLS)).toEqual([
      { message: 'The case is closed.' },
    ]);
    expect(problemsOf(new TypeError('Failed to fetch'), CONTROLS)).toEqual([
      { message: 'Failed to fetch' },
    ]);
    expect(problemsOf('offline')).toEqual([{ message: 'offline' }]);
  });

  it('says what to do next when sharing was refused for want of consent', () => {
    const refusal = new ApiError(409, 'no-consent', 'The patient did not agree', 'share');
    const [problem] = problemsOf(refusal, { share: 'goal-share' }, shareRefusalText);
    expect(problem).toEqual({
      control: 'goal-share',
      message:
        'Not saved: The patient did not agree. The share box now follows the person’s consent: save again to keep this with your service only.',
    });
  });

  it('gives each control its own problems, joined, and none to the others', () => {
    const problems = [
      { message: 'Enter the first day.', control: 'cover-from' },
      { message: 'It must be a date.', control: 'cover-from' },
      { message: 'The case is closed.' },
    ];
    expect(messageAt(problems, 'cover-from')).toBe('Enter the first day. It must be a date.');
    expect(messageAt(problems, 'cover-until')).toBeUndefined();
  });

  it('turns the form’s failed checks into problems, in order, and passes the rest', () => {
    expect(
      check([
        [true, 'cover-by', 'Choose who covers the case'],
        [false, 'cover-from', 'Enter the first day of cover'],
        [true, 'cover-until', 'Enter the last day of cover'],
      ]),
    ).toEqual([
      { control: 'cover-by', message: 'Choose who covers the case' },
      { control: 'cover-until', message: 'Enter the last day of cover' },
    ]);
    expect(check([[false, 'x', 'never']])).toEqual([]);
  });
});
