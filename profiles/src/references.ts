import type { Reference } from 'fhir/r4';
import { ProfileInputError } from './errors';

/** A literal reference such as `Patient/123`, or a `urn:uuid:` placeholder inside a transaction. */
export type ReferenceTo<T extends string> = `${T}/${string}` | `urn:uuid:${string}`;

const ID = '[A-Za-z0-9\\-.]{1,64}';
const URN_UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks a reference at run time too, since values often come from forms or other systems. */
export function referenceTo<T extends string>(
  field: string,
  value: ReferenceTo<T> | undefined,
  allowedTypes: readonly T[],
  display?: string,
): Reference {
  if (value === undefined || value.length === 0) {
    throw new ProfileInputError(field, `is required: a reference to ${allowedTypes.join(' or ')}`);
  }
  const literal = new RegExp(`^(${allowedTypes.join('|')})/${ID}$`);
  if (!literal.test(value) && !URN_UUID.test(value)) {
    throw new ProfileInputError(
      field,
      `must reference ${allowedTypes.join(' or ')} as "Type/id" or "urn:uuid:<uuid>", got "${value}"`,
    );
  }
  return display === undefined ? { reference: value } : { reference: value, display };
}
