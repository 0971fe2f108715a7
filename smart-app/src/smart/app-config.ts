/**
 * What the app tells the authorization server. The server that hosts the app may override the
 * client id and resource scopes through `/app-config.json` (tests register the app under their own
 * ids and ports); the redirect is always the page's own origin, never a hard-wired port.
 */
export interface AppConfig {
  readonly clientId: string;
  /** SMART resource scopes, space-separated: no wider than the app needs. */
  readonly resourceScopes: string;
}

export const DEFAULT_CONFIG: AppConfig = Object.freeze({
  clientId: 'linkwell-gp-app',
  resourceScopes: [
    'patient/Patient.r',
    'patient/ServiceRequest.crs',
    'patient/Task.crs',
    // Read and search to show it; update to record the patient's withdrawal.
    'patient/Consent.crus',
    'patient/Goal.rs',
    'patient/Observation.rs',
    // The closing summary: the message back from the link-worker service.
    'patient/DocumentReference.rs',
    // Risk and safeguarding Flags sent with the referral (conditional create searches).
    'patient/Flag.crs',
    // The directory of link-worker services, the practice's configured service, the GP's own role
    // and name: outside the patient compartment.
    'user/Organization.rs',
    'user/OrganizationAffiliation.rs',
    'user/PractitionerRole.rs',
    'user/Practitioner.r',
  ].join(' '),
});

export const CONFIG_PATH = '/app-config.json';

/** EHR launch asks for `launch`; a standalone launch asks the server to pick a patient. */
export function scopeFor(config: AppConfig, ehrLaunch: boolean): string {
  const context = ehrLaunch ? 'launch' : 'launch/patient';
  return `${context} openid fhirUser online_access ${config.resourceScopes}`;
}

/** The redirect URI: the app's root on the origin it is served from. */
export function redirectUriFor(origin: string): string {
  return `${origin}/`;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The served configuration, or the defaults when there is none (e.g. under `vite dev`). */
export async function loadAppConfig(fetchConfig: typeof fetch = fetch): Promise<AppConfig> {
  try {
    const response = await fetchConfig(CONFIG_PATH, { headers: { accept: 'application/json' } });
    if (!response.ok) return DEFAULT_CONFIG;
    const served = (await response.json()) as Record<string, unknown>;
    return {
      clientId: text(served.clientId) ?? DEFAULT_CONFIG.clientId,
      resourceScopes: text(served.resourceScopes) ?? DEFAULT_CONFIG.resourceScopes,
    };
  } catch {
    return DEFAULT_CONFIG;
  }
}
