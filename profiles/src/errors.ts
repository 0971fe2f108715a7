/**
 * Thrown when a builder or scorer is given input it cannot turn into valid Linkwell FHIR or a valid
 * score. The message names the field and what is allowed, so a person can fix the input.
 */
export class ProfileInputError extends Error {
  readonly field: string;

  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.name = 'ProfileInputError';
    this.field = field;
  }
}
