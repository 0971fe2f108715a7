import { OperationOutcomeError, operationOutcome } from '@linkwell/profiles';
import { MissingContextError, problemOf } from './problems';

const httpError = (status: number, body = ''): Error & { status: number } =>
  Object.assign(new Error(`${status} X\nURL: https://ehr/fhir${body}`), { status });

describe('problemOf', () => {
  it('sorts server answers and failures into screens', () => {
    expect(problemOf(httpError(401)).kind).toBe('session-expired');
    expect(problemOf(httpError(502)).kind).toBe('unreachable');
    expect(problemOf(new TypeError('Failed to fetch')).kind).toBe('unreachable');
  });

  it.each([
    ['no-launch', new MissingContextError('a patient'), 'record'],
    ['session-expired', httpError(401), 'record'],
    ['session-expired', new Error('No state found! Please (re)launch the app.'), 'launch'],
    ['session-expired', httpError(400, '\ninvalid_grant: code already used'), 'launch'],
    ['forbidden', httpError(403), 'record'],
    ['unreachable', httpError(503), 'record'],
    ['unreachable', new TypeError('Load failed'), 'launch'],
    ['unexpected', httpError(500), 'record'],
    ['unexpected', new Error('No state found! Please (re)launch the app.'), 'record'],
  ] as const)('shows "%s" for %s while reading the %s', (kind, error, phase) => {
    expect(problemOf(error, phase).kind).toBe(kind);
  });

  it('reads a refused batch entry by its status and outcome, not its message', () => {
    const outcome = operationOutcome('forbidden', 'Goal is outside the launch patient');
    const error = new OperationOutcomeError(403, 'entry 3 refused', outcome);
    expect(problemOf(error)).toEqual({
      kind: 'forbidden',
      detail: 'Goal is outside the launch patient',
    });
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
