import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FhirResource } from 'fhir/r4';

// Reads the example artifacts shipped in profiles/fhir/examples.

export const EXAMPLES_DIR = join(__dirname, '..', '..', 'profiles', 'fhir', 'examples');

export interface ExampleFile {
  readonly file: string;
  readonly resource: FhirResource;
}

export interface InvalidExpectation {
  readonly file: string;
  readonly element: string;
  readonly why?: string;
}

export function readExamples(folder: 'support' | 'valid' | 'invalid'): ExampleFile[] {
  const dir = join(EXAMPLES_DIR, folder);
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json') && file !== 'expectations.json')
    .sort()
    .map((file) => ({
      file,
      resource: JSON.parse(readFileSync(join(dir, file), 'utf8')) as FhirResource,
    }));
}

export function readInvalidExpectations(): InvalidExpectation[] {
  const path = join(EXAMPLES_DIR, 'invalid', 'expectations.json');
  return JSON.parse(readFileSync(path, 'utf8')) as InvalidExpectation[];
}
