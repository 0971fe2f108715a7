import type { OperationOutcome } from 'fhir/r4';
import {
  OperationOutcomeError,
  asOperationOutcome,
  operationOutcome,
  outcomeText,
} from './outcome';

const mixed: OperationOutcome = {
  resourceType: 'OperationOutcome',
  issue: [
    { severity: 'information', code: 'informational', diagnostics: 'Validation ran' },
    { severity: 'warning', code: 'code-invalid', details: { text: 'Unknown code' } },
    {
      severity: 'error',
      code: 'required',
      diagnostics: 'Missing subject',
      expression: ['Task.for'],
    },
    { severity: 'fatal', code: 'exception' },
  ],
};

describe('outcomeText', () => {
  it('keeps errors and fatal issues by default, with the element each is about', () => {
    expect(outcomeText(mixed)).toBe('Missing subject at Task.for; exception');
  });

  it('takes the least severity to include and the separator as parameters', () => {
    expect(outcomeText(mixed, { atLeast: 'warning', separator: '\n' })).toBe(
      'Unknown code\nMissing subject at Task.for\nexception',
    );
    expect(outcomeText(mixed, { atLeast: 'information' })?.startsWith('Validation ran; ')).toBe(
      true,
    );
  });

  it('says nothing when no issue is severe enough, or there is no outcome', () => {
    expect(outcomeText(operationOutcome('informational', 'ok', 'information'))).toBeUndefined();
    expect(outcomeText(undefined)).toBeUndefined();
  });
});

describe('OperationOutcomeError', () => {
  it('carries the status and an outcome made from its words', () => {
    const error = OperationOutcomeError.of(403, 'forbidden', 'no scope for Goal');
    expect(error).toBeInstanceOf(Error);
    expect(error.status).toBe(403);
    expect(outcomeText(error.toOutcome())).toBe('no scope for Goal');
  });

  it('makes an outcome from the message when the server sent none', () => {
    const error = new OperationOutcomeError(undefined, 'no answer');
    expect(error.toOutcome().issue[0]).toMatchObject({
      code: 'exception',
      diagnostics: 'no answer',
    });
  });
});

describe('asOperationOutcome', () => {
  it('accepts only a body shaped like an OperationOutcome', () => {
    expect(asOperationOutcome(mixed)).toBe(mixed);
    expect(asOperationOutcome({ resourceType: 'OperationOutcome' })).toBeUndefined();
    expect(asOperationOutcome({ resourceType: 'Patient', issue: [] })).toBeUndefined();
    expect(asOperationOutcome(null)).toBeUndefined();
  });
});
