import { ApiError } from '../errors';
import { answers, date, dateTime, recordId, text } from './validate';

const refusal = (run: () => unknown): ApiError | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  return undefined;
};

describe('input parsers', () => {
  it('refuses impossible dates and date-times with 400 and the field', () => {
    for (const value of ['2025-02-30', '2025-04-31', '2025-13-01', '0000-01-01', '2025-2-3']) {
      expect(refusal(() => date({ d: value }, 'd'))).toMatchObject({ status: 400, field: 'd' });
    }
    expect(date({ d: '2028-02-29' }, 'd')).toBe('2028-02-29');
    for (const value of [
      '2025-02-30T10:00:00Z',
      '2025-02-03T24:00:00Z',
      '2025-02-03T10:60:00Z',
      '2025-02-03T10:00:00+15:00',
      '2025-02-03T10:00:00',
      '+275760-09-13T00:00:00Z',
    ]) {
      expect(refusal(() => dateTime({ at: value }, 'at', () => ''))).toMatchObject({
        status: 400,
        field: 'at',
      });
    }
    expect(dateTime({ at: '2025-02-03T10:15:00+01:00' }, 'at', () => '')).toBe(
      '2025-02-03T09:15:00.000Z',
    );
  });

  it('refuses NUL and control characters in text but keeps line breaks', () => {
    expect(refusal(() => text({ t: 'a\u0000b' }, 't'))?.message).toContain('NUL');
    expect(refusal(() => text({ t: 'a\u001bb' }, 't'))).toBeDefined();
    expect(text({ t: 'line one\nline two\ttab' }, 't')).toBe('line one\nline two\ttab');
  });

  it('refuses non-integer, huge and badly keyed answers, and ids that are not UUIDs', () => {
    for (const value of [Infinity, 2.5, 1e6, '3']) {
      expect(refusal(() => answers({ answers: { anxiety: value } }))?.field).toBe(
        'answers.anxiety',
      );
    }
    expect(refusal(() => answers({ answers: { 'a\u0000': 1 } }))?.field).toBe('answers');
    expect(refusal(() => recordId('\u0000', 'goalId'))?.field).toBe('goalId');
    expect(recordId('0F8FAD5B-D9CB-469F-A165-70867728950E', 'goalId')).toBe(
      '0f8fad5b-d9cb-469f-a165-70867728950e',
    );
  });
});
