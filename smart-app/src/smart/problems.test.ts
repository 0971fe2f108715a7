import { MissingContextError, problemOf } from './problems';

const httpError = (status: number, body = ''): Error & { status: number } =>
  Object.assign(new Error(`${status} X\nURL: https://ehr/fhir${body}`), { status });

describe('problemOf', () => {
  it('sorts server answers and failures into screens', () => {
    expect(problemOf(httpError(401)).kind).toBe('session-expired');
    expect(problemOf(httpError(502)).kind).toBe('unreachable');
    expect(problemOf(new TypeError('Failed to fetch')).kind).toBe('unreachable');
    expect(problemOf(new Error('No state found! Please (re)launch the app.')).kind).toBe(
      'session-expired',
    );
  });

  it('sends a launch without a patient to "open from a record", not "session ended"', () => {
    expect(problemOf(new MissingContextError('a patient'))).toEqual({ kind: 'no-launch' });
  });

  it("keeps the server's own words from an OperationOutcome", () => {
    const outcome = {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'forbidden', diagnostics: 'no scope for Goal' }],
    };
    expect(problemOf(httpError(403, `\n\n${JSON.stringify(outcome)}`))).toEqual({
      kind: 'forbidden',
      detail: 'no scope for Goal',
    });
  });
});
