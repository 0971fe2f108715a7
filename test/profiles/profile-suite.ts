import { builderOutputs } from './builder-outputs';
import { readExamples, readInvalidExpectations } from './example-files';
import {
  describeIssues,
  errorIssues,
  fhirClient,
  namesElement,
  operationOutcome,
  type FhirClient,
  type FhirResponse,
} from './fhir-client';

// The FHIR contract against a real HAPI FHIR server with profiles/fhir loaded: valid examples
// and builder output are accepted, each invalid example is refused naming the broken element.
// `base` is read when the suite's hooks run, so a caller may start its own server first.

/** Declares the profile contract tests against the FHIR base `base()` returns. */
export function profileSuite(base: () => string): void {
  let client: FhirClient | undefined;
  const fhir: FhirClient = {
    put: (resource) => (client ??= fhirClient(base())).put(resource),
    post: (resource) => (client ??= fhirClient(base())).post(resource),
    validate: (resource) => (client ??= fhirClient(base())).validate(resource),
  };
  const support = readExamples('support');
  const valid = readExamples('valid');
  const invalid = readExamples('invalid');
  const expectations = readInvalidExpectations();

  function expectNoErrors(response: FhirResponse): void {
    const errors = errorIssues(operationOutcome(response));
    expect(describeIssues(errors)).toBe('');
  }

  function expectErrorsNaming(response: FhirResponse, element: string): void {
    const errors = errorIssues(operationOutcome(response));
    expect(errors.length).toBeGreaterThan(0);
    // Each invalid example is broken in one way, so every error must be about that element.
    const elsewhere = errors.filter((issue) => !namesElement(issue, element));
    expect(describeIssues(elsewhere)).toBe('');
  }

  beforeAll(async () => {
    for (const { file, resource } of support) {
      const response = await fhir.put(resource);
      if (response.status >= 300) {
        throw new Error(
          `PUT ${file} failed with ${response.status}: ${JSON.stringify(response.body)}`,
        );
      }
    }
  });

  describe('support resources', () => {
    it.each(support)('$file claims no profile', ({ resource }) => {
      expect(resource.meta?.profile).toBeUndefined();
    });
  });

  describe('valid examples', () => {
    it.each(valid)('$file is created (201)', async ({ resource }) => {
      const response = await fhir.post(resource);
      expect({
        status: response.status,
        body: response.status === 201 ? 'ok' : response.body,
      }).toEqual({ status: 201, body: 'ok' });
    });

    it.each(valid)('$file passes $validate', async ({ resource }) => {
      expectNoErrors(await fhir.validate(resource));
    });
  });

  describe('invalid examples', () => {
    it('every invalid example has exactly one expectation', () => {
      expect(expectations.map((e) => e.file).sort()).toEqual(invalid.map((e) => e.file));
    });

    const cases = invalid.map(({ file, resource }) => {
      const expectation = expectations.find((e) => e.file === file);
      return { file, resource, element: expectation?.element ?? '(no expectation)' };
    });

    it.each(cases)('$file claims a Linkwell profile', ({ resource }) => {
      expect(resource.meta?.profile?.[0]).toMatch(
        /^https:\/\/linkwell\.example\.org\/fhir\/StructureDefinition\//,
      );
    });

    it.each(cases)('$file is refused naming $element', async ({ resource, element }) => {
      const response = await fhir.post(resource);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expectErrorsNaming(response, element);
    });

    it.each(cases)('$file fails $validate naming $element', async ({ resource, element }) => {
      expectErrorsNaming(await fhir.validate(resource), element);
    });
  });

  describe('builder output', () => {
    const outputs = Object.entries(builderOutputs()).map(([name, resource]) => ({
      name,
      resource,
    }));

    it.each(outputs)('$name is created (201)', async ({ resource }) => {
      const response = await fhir.post(resource);
      expect({
        status: response.status,
        body: response.status === 201 ? 'ok' : response.body,
      }).toEqual({ status: 201, body: 'ok' });
    });

    it.each(outputs)('$name passes $validate', async ({ resource }) => {
      expectNoErrors(await fhir.validate(resource));
    });
  });
}
