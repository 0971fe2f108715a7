import { ApiError } from '../errors';
import { parseFilter, scopedCases } from './filters';

describe('parseFilter', () => {
  it('reads every filter', () => {
    expect(
      parseFilter(
        {
          from: '2026-01-01',
          to: '2026-03-31',
          practice: 'Riverside',
          worker: 'Practitioner/a',
          need: 'loneliness',
        },
        'svc',
      ),
    ).toEqual({
      serviceOrg: 'svc',
      from: '2026-01-01',
      to: '2026-03-31',
      practice: 'Riverside',
      worker: 'Practitioner/a',
      need: 'loneliness',
    });
  });

  it.each([
    [{ from: '2026-13-01' }, 'from'],
    [{ to: '2026-02-30' }, 'to'],
    [{ from: '01/02/2026' }, 'from'],
    [{ from: '2026-03-01', to: '2026-02-01' }, 'from'],
    [{ worker: 'Patient/1' }, 'worker'],
    [{ need: 'astrology' }, 'need'],
    [{ practice: ['a', 'b'] }, 'practice'],
  ])('refuses %j, naming %s', (query, field) => {
    let thrown: unknown;
    try {
      parseFilter(query, 'svc');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    expect((thrown as ApiError).status).toBe(400);
    expect((thrown as ApiError).field).toBe(field);
  });

  it('passes every value as a parameter, never in the SQL text', () => {
    const filter = parseFilter({ practice: "O'Brien Surgery" }, 'svc');
    const { cte, params } = scopedCases(filter);
    expect(cte).not.toContain("O'Brien");
    expect(params).toContain("O'Brien Surgery");
  });
});
