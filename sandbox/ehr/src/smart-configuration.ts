import type { EhrConfig } from './config';

/** The SMART capabilities the sandbox implements (SMART App Launch 2.x, section 2.0.8). */
export const SMART_CAPABILITIES = [
  'launch-ehr',
  'launch-standalone',
  'client-public',
  'client-confidential-asymmetric',
  'context-ehr-patient',
  'context-ehr-encounter',
  'context-standalone-patient',
  'context-banner',
  'context-style',
  'sso-openid-connect',
  'permission-v1',
  'permission-v2',
  'permission-patient',
  'permission-user',
  'permission-offline',
] as const;

/** `/fhir/.well-known/smart-configuration`: endpoints live at the issuer (the sandbox's root). */
export function smartConfiguration(config: EhrConfig): Record<string, unknown> {
  const issuer = config.publicUrl;
  return {
    issuer,
    jwks_uri: `${issuer}/jwks`,
    authorization_endpoint: `${issuer}/auth`,
    token_endpoint: `${issuer}/token`,
    revocation_endpoint: `${issuer}/token/revocation`,
    introspection_endpoint: `${issuer}/token/introspection`,
    userinfo_endpoint: `${issuer}/me`,
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    response_types_supported: ['code'],
    token_endpoint_auth_methods_supported: ['none', 'private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384', 'RS256', 'ES256'],
    scopes_supported: [
      'openid',
      'fhirUser',
      'profile',
      'launch',
      'launch/patient',
      'launch/encounter',
      'offline_access',
      'online_access',
      'patient/*.rs',
      'patient/*.cruds',
      'user/*.rs',
      'user/*.cruds',
      'system/*.rs',
      'system/*.cruds',
      'patient/*.read',
      'user/*.read',
    ],
    code_challenge_methods_supported: ['S256'],
    capabilities: [...SMART_CAPABILITIES],
  };
}
