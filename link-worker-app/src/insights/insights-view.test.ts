import { chartable, insightsQuery, shownText, signed } from './insights-view';

describe('insights view helpers', () => {
  it('builds the query from the filled fields only', () => {
    expect(insightsQuery({})).toBe('');
    expect(insightsQuery({ from: '2026-01-01', practice: '', worker: 'Practitioner/a b' })).toBe(
      '?from=2026-01-01&worker=Practitioner%2Fa+b',
    );
  });

  it('says "fewer than 5" for a suppressed figure and leaves it out of the chart', () => {
    expect(shownText({ value: null, suppressed: true })).toBe('fewer than 5');
    expect(shownText({ value: 12, suppressed: false })).toBe('12');
    expect(
      chartable(
        [
          { label: 'A', count: { value: 7, suppressed: false as const } },
          { label: 'B', count: { value: null, suppressed: true as const } },
        ],
        (r) => r.count,
      ),
    ).toEqual([{ name: 'A', value: 7 }]);
  });

  it('signs a change', () => {
    expect(signed(1.5)).toBe('+1.50');
    expect(signed(-0.29)).toBe('-0.29');
  });
});
