import type { Reference } from 'fhir/r4';

/** The id a reference points at, for the given type; handles relative, absolute and versioned forms. */
export function idFrom(reference: Reference | undefined, type: string): string | undefined {
  const match = new RegExp(`(?:^|/)${type}/([A-Za-z0-9\\-.]{1,64})(?:/_history/.*)?$`).exec(
    reference?.reference ?? '',
  );
  return match?.[1];
}

/** `Type/id` from a fhirUser such as `Practitioner/123` or `https://ehr/fhir/Practitioner/123`. */
export function localReference(url: string | null | undefined): string | undefined {
  const match = /([A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64})$/.exec(url ?? '');
  return match?.[1];
}
