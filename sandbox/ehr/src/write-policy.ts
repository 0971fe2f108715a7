import type { FhirResource } from 'fhir/r4';
import { hasPrimaryPatient, inPatientCompartmentTypes, primaryPatientIs } from './compartment';

/**
 * What a resource written with `patient/` scopes must satisfy before it reaches HAPI: its primary
 * patient element (subject, patient, for, beneficiary) is the launch patient, every Patient it
 * refers to is the launch patient, and every other patient-compartment resource it refers to
 * (a Task's focus, a Referral's consent) is to be loaded and checked the same way.
 */
export interface WriteCheck {
  /** Why the write is refused; undefined when it may go on once `resolve` is checked. */
  readonly problem?: string;
  /** Relative references (`ServiceRequest/1`, `Consent/2/_history/1`) whose target must be ours. */
  readonly resolve: readonly string[];
}

export interface WriteContext {
  readonly patient: string;
  /** The proxy's own FHIR base: absolute references under it count as relative. */
  readonly fhirBase: string;
  /** `fullUrl`s of the entries of the same transaction (placeholders such as `urn:uuid:…`). */
  readonly bundleUrls?: ReadonlySet<string>;
}

const RELATIVE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/** Every `reference` string in the resource, contained resources and extensions included. */
export function referencesIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(referencesIn);
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) =>
    key === 'reference' && typeof value === 'string' ? [value] : referencesIn(value),
  );
}

function checkReference(raw: string, context: WriteContext, resolve: string[]): string | undefined {
  if (raw.startsWith('#')) return undefined;
  if (/^urn:(uuid|oid):/.test(raw)) {
    return context.bundleUrls?.has(raw) === true
      ? undefined
      : `the reference ${raw} does not name an entry of this Bundle`;
  }
  const prefix = `${context.fhirBase}/`;
  const relative = raw.startsWith(prefix) ? raw.slice(prefix.length) : raw;
  const match = RELATIVE.exec(relative);
  if (match === null) return 'references must be relative (Type/id) with patient/ scopes';
  const [, type = '', id = ''] = match;
  if (type === 'Patient') {
    return id === context.patient
      ? undefined
      : 'the resource refers to a Patient other than the launch patient';
  }
  if (inPatientCompartmentTypes(type)) resolve.push(relative);
  return undefined;
}

/** Checks a body to be created or updated (or the result of a patch) with patient/ scopes. */
export function checkWrite(resource: FhirResource, context: WriteContext): WriteCheck {
  const type = resource.resourceType;
  if (!hasPrimaryPatient(type)) {
    return { problem: `${type} cannot be written with patient/ scopes`, resolve: [] };
  }
  if (!primaryPatientIs(resource, context.patient)) {
    return {
      problem: `the ${type}'s patient (its primary patient element) must be the launch patient`,
      resolve: [],
    };
  }
  const resolve: string[] = [];
  for (const reference of referencesIn(resource)) {
    const problem = checkReference(reference, context, resolve);
    if (problem !== undefined) return { problem, resolve: [] };
  }
  return { resolve: [...new Set(resolve)] };
}
