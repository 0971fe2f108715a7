import { ApiError } from './api-error';
import { parseWith } from './parse';
import {
  answers,
  body,
  calendarDate,
  dateTime,
  flag,
  oneOf,
  optionalText,
  recordId,
  text,
} from './rules';

const refusal = (run: () => unknown): ApiError | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  return undefined;
};

describe('request rules', () => {
  it('refuses impossible dates and date-times with 400 and the field', () => {
    const d = body({ d: calendarDate().optional() });
    for (const value of ['2025-02-30', '2025-04-31', '2025-13-01', '0000-01-01', '2025-2-3', 5]) {
      expect(refusal(() => parseWith(d, { d: value }))).toMatchObject({ status: 400, field: 'd' });
    }
    expect(parseWith(d, { d: '2028-02-29' }).d).toBe('2028-02-29');
    const at = body({ at: dateTime() });
    for (const value of [
      '2025-02-30T10:00:00Z',
      '2025-02-03T24:00:00Z',
      '2025-02-03T10:60:00Z',
      '2025-02-03T10:00:00+15:00',
      '2025-02-03T10:00:00',
      '+275760-09-13T00:00:00Z',
    ]) {
      const refused = refusal(() => parseWith(at, { at: value }));
      expect(refused).toMatchObject({ status: 400, field: 'at' });
      expect(refused?.message).toMatch(/^at must be a real date and time with a time zone/);
    }
    expect(parseWith(at, { at: '2025-02-03T10:15:00+01:00' }).at).toBe('2025-02-03T09:15:00.000Z');
  });

  it('refuses missing, blank, long and control-character text but keeps line breaks', () => {
    const t = body({ t: text(5) });
    expect(refusal(() => parseWith(t, {}))?.message).toBe('t is required and must be text.');
    expect(refusal(() => parseWith(t, { t: '  ' }))?.message).toBe(
      't is required and must be text.',
    );
    expect(refusal(() => parseWith(t, { t: '123456' }))?.message).toBe(
      't must be at most 5 characters.',
    );
    expect(refusal(() => parseWith(t, { t: 'a\u0000b' }))?.message).toContain('NUL');
    expect(refusal(() => parseWith(t, { t: 'a\u001bb' }))).toBeDefined();
    expect(parseWith(body({ t: text() }), { t: ' one\ntwo\ttab ' }).t).toBe('one\ntwo\ttab');
    const o = body({ o: optionalText(5) });
    expect(parseWith(o, { o: null }).o).toBeUndefined();
    expect(refusal(() => parseWith(o, { o: 3 }))?.field).toBe('o');
  });

  it('names the allowed codes, refuses non-booleans and a body that is not an object', () => {
    const s = body({ status: oneOf(['active', 'resolved'] as const), share: flag() });
    expect(refusal(() => parseWith(s, { status: 'gone' }))).toMatchObject({
      field: 'status',
      message: 'status must be one of active, resolved.',
    });
    expect(refusal(() => parseWith(s, { status: 'active', share: 'yes' }))?.message).toBe(
      'share must be true or false.',
    );
    for (const value of [null, [], 'x']) {
      expect(refusal(() => parseWith(s, value))).toMatchObject({
        status: 400,
        field: undefined,
        message: 'The request body must be a JSON object.',
      });
    }
  });

  it('refuses non-integer, huge and badly keyed answers, and ids that are not UUIDs', () => {
    const a = body({ answers: answers() });
    for (const value of [Infinity, 2.5, 1e6, '3']) {
      expect(refusal(() => parseWith(a, { answers: { anxiety: value } }))?.field).toBe(
        'answers.anxiety',
      );
    }
    expect(refusal(() => parseWith(a, { answers: { 'a\u0000': 1 } }))?.field).toBe('answers');
    expect(refusal(() => parseWith(a, { answers: [] }))?.field).toBe('answers');
    expect(refusal(() => parseWith(recordId(), '\u0000', 'goalId'))?.field).toBe('goalId');
    expect(parseWith(recordId(), '0F8FAD5B-D9CB-469F-A165-70867728950E', 'goalId')).toBe(
      '0f8fad5b-d9cb-469f-a165-70867728950e',
    );
  });
});
