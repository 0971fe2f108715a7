import { grantingScopes, type ResourceScope } from './scopes';

/**
 * Chained (`a.b`) and reverse-chained (`_has:Type:ref:param`) parameters filter by resources of
 * other types: with user/ and system/ scopes they are allowed only when the token may search every
 * type they reach, so `Organization?_has:ServiceRequest:performer:patient.birthdate=…` cannot
 * bisect a patient's birth date for a token that only reads the directory.
 */

/** Reference parameters with one target type, so a chain through them reaches a known type. */
const SINGLE_TARGET: Readonly<Record<string, string>> = {
  organization: 'Organization',
  'participating-organization': 'Organization',
  'primary-organization': 'Organization',
  partof: 'Organization',
  practitioner: 'Practitioner',
  location: 'Location',
  service: 'HealthcareService',
  endpoint: 'Endpoint',
  'healthcare-service': 'HealthcareService',
};

/** The types a parameter name reaches beyond its own; undefined when one cannot be told. */
export function typesReached(key: string): string[] | undefined {
  const parts = key.split('.');
  const types: string[] = [];
  for (const [index, part] of parts.entries()) {
    const pieces = part.split(':');
    let at = 0;
    while (pieces[at] === '_has') {
      const type = pieces[at + 1];
      if (type === undefined || !/^[A-Z][A-Za-z]+$/.test(type)) return undefined;
      types.push(type);
      at += 3;
    }
    if (index === parts.length - 1) continue;
    const [param = '', modifier] = pieces.slice(at);
    const target = modifier ?? SINGLE_TARGET[param];
    if (target === undefined || !/^[A-Z][A-Za-z]+$/.test(target)) return undefined;
    types.push(target);
  }
  return types;
}

/** Why a wide search (or criteria) reaches further than the token's search scopes; null when not. */
export function wideReachProblem(
  query: URLSearchParams,
  scopes: readonly ResourceScope[],
): string | null {
  const searchable = (type: string): boolean =>
    grantingScopes(scopes, type, 's', ['user', 'system']).length > 0;
  for (const key of new Set(query.keys())) {
    // Expressions of their own (chains inside): not parsed here, so not passed on.
    if (key === '_filter' || key === '_query') return `${key} is not available through the proxy`;
    if (!key.includes('.') && !key.includes('_has')) continue;
    const types = typesReached(key);
    if (types === undefined) {
      if (searchable('*')) continue;
      return `the chained parameter ${key} reaches types the proxy cannot tell`;
    }
    const beyond = types.find((type) => !searchable(type));
    if (beyond !== undefined) return `${key} searches ${beyond}, which no granted scope may search`;
  }
  return null;
}
