/**
 * SMART App Launch 2 resource scopes (v2 `patient/Observation.rs`, v1 `patient/*.read`), parsed into
 * what they permit. Granular scopes with a query (`patient/Observation.rs?category=…`) are parsed
 * but grant nothing here: refusing is the strict choice until the proxy can enforce the query.
 */
export type ScopeContext = 'patient' | 'user' | 'system';
export type Permission = 'c' | 'r' | 'u' | 'd' | 's';

export interface ResourceScope {
  readonly raw: string;
  readonly context: ScopeContext;
  /** A FHIR resource type, or `*`. */
  readonly resourceType: string;
  readonly permissions: ReadonlySet<Permission>;
}

/** Scopes an OpenID Connect / SMART client may ask for that are not resource scopes. */
export const NON_RESOURCE_SCOPES = [
  'openid',
  'fhirUser',
  'profile',
  'offline_access',
  'online_access',
  'launch',
  'launch/patient',
  'launch/encounter',
] as const;

const V1_PERMISSIONS: Record<string, Permission[]> = {
  read: ['r', 's'],
  write: ['c', 'u', 'd'],
  '*': ['c', 'r', 'u', 'd', 's'],
};
const V2_ORDER = 'cruds';
const SCOPE = /^(patient|user|system)\/(\*|[A-Z][A-Za-z]+)\.([a-z*]+)$/;

function v2Permissions(letters: string): Permission[] | undefined {
  let last = -1;
  const permissions: Permission[] = [];
  for (const letter of letters) {
    const index = V2_ORDER.indexOf(letter);
    if (index <= last) return undefined;
    last = index;
    permissions.push(letter as Permission);
  }
  return permissions;
}

/** Parses one resource scope; undefined when it is not one (or is a granular scope with a query). */
export function parseResourceScope(raw: string): ResourceScope | undefined {
  const match = SCOPE.exec(raw);
  if (!match) return undefined;
  const [, context, resourceType, action] = match as unknown as [
    string,
    ScopeContext,
    string,
    string,
  ];
  const permissions = V1_PERMISSIONS[action] ?? v2Permissions(action);
  if (permissions === undefined || permissions.length === 0) return undefined;
  return { raw, context, resourceType, permissions: new Set(permissions) };
}

/** True when a scope string value is a well-formed SMART resource scope. */
export function isResourceScope(raw: string): boolean {
  return parseResourceScope(raw) !== undefined;
}

export function parseScopes(scope: string | undefined): ResourceScope[] {
  return (scope ?? '')
    .split(' ')
    .map(parseResourceScope)
    .filter((parsed): parsed is ResourceScope => parsed !== undefined);
}

/** The scopes of the given contexts that grant `permission` on `resourceType`. */
export function grantingScopes(
  scopes: readonly ResourceScope[],
  resourceType: string,
  permission: Permission,
  contexts: readonly ScopeContext[] = ['patient', 'user', 'system'],
): ResourceScope[] {
  return scopes.filter(
    (scope) =>
      contexts.includes(scope.context) &&
      (scope.resourceType === '*' || scope.resourceType === resourceType) &&
      scope.permissions.has(permission),
  );
}

/** True when `allowed` permits everything `requested` does (same context, type and a superset). */
export function covers(allowed: ResourceScope, requested: ResourceScope): boolean {
  return (
    allowed.context === requested.context &&
    (allowed.resourceType === '*' || allowed.resourceType === requested.resourceType) &&
    [...requested.permissions].every((permission) => allowed.permissions.has(permission))
  );
}
