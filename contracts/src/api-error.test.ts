import { ApiError, codeOfStatus } from './api-error';

describe('ApiError', () => {
  it('round-trips through the body the adapter sends', () => {
    const sent = new ApiError(422, 'invalid-input', 'Give a date in the future.', 'due');
    const body = JSON.parse(JSON.stringify(sent.toBody('req-1'))) as unknown;
    expect(body).toEqual({
      error: {
        code: 'invalid-input',
        message: 'Give a date in the future.',
        field: 'due',
        requestId: 'req-1',
      },
    });
    const read = ApiError.fromAnswer(422, body);
    expect(read).toBeInstanceOf(ApiError);
    expect([read.status, read.code, read.message, read.field]).toEqual([
      422,
      'invalid-input',
      'Give a date in the future.',
      'due',
    ]);
  });

  it('reads a body of another shape by its status alone', () => {
    const read = ApiError.fromAnswer(502, '<html>Bad Gateway</html>');
    expect([read.code, read.message]).toEqual(['internal', 'The adapter answered 502.']);
    expect(ApiError.fromAnswer(409, { error: { code: 'made-up', message: 'x' } }).code).toBe(
      'conflict',
    );
  });

  it.each([
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [409, 'conflict'],
    [413, 'too-large'],
    [422, 'invalid-input'],
    [400, 'bad-request'],
    [503, 'internal'],
  ] as const)('names HTTP %i %s', (status, code) => {
    expect(codeOfStatus(status)).toBe(code);
  });
});
