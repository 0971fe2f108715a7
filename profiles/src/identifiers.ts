import type { Identifier } from 'fhir/r4';
import { ProfileInputError } from './errors';

/** A business identifier: a bare value uses Linkwell's system for the resource type. */
export type BusinessIdentifier = string | { readonly system: string; readonly value: string };

export function businessIdentifier(
  field: string,
  id: BusinessIdentifier | undefined,
  defaultSystem: string,
): Identifier {
  const system = typeof id === 'object' ? id.system : defaultSystem;
  const value = typeof id === 'object' ? id.value : id;
  if (value === undefined || value.trim() === '') {
    throw new ProfileInputError(
      field,
      'is required: a business identifier value (for example a UUID)',
    );
  }
  if (!/^(https?:\/\/|urn:)/.test(system)) {
    throw new ProfileInputError(`${field}.system`, `must be an absolute URI, got "${system}"`);
  }
  return { system, value: value.trim() };
}
