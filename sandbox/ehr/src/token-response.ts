import type { KoaContextWithOIDC } from 'oidc-provider';
import type { EhrConfig } from './config';
import type { LaunchStore } from './launch-store';

/**
 * SMART adds the launch context to the token response (App Launch 2.x, 2.0.10): `patient`,
 * `encounter`, `need_patient_banner`, `smart_style_url`; and `scope` lists every granted scope,
 * where oidc-provider names only the access token's resource scopes.
 */
export function addLaunchContext(
  ctx: KoaContextWithOIDC,
  config: EhrConfig,
  deps: { launches: LaunchStore },
): void {
  const body = ctx.body as Record<string, unknown> | undefined;
  if (body === undefined || typeof body.access_token !== 'string') return;
  const grant = ctx.oidc.entities.Grant;
  if (grant === undefined) return;
  const launch = deps.launches.forGrant(grant.jti);
  if (launch !== undefined) {
    if (launch.patient !== undefined) body.patient = launch.patient;
    if (launch.encounter !== undefined) body.encounter = launch.encounter;
    body.need_patient_banner = launch.needPatientBanner;
    body.smart_style_url = `${config.publicUrl}/smart-style.json`;
  }
  const entities = ctx.oidc.entities;
  const requested =
    (ctx.oidc.params?.scope as string | undefined) ??
    entities.AuthorizationCode?.scope ??
    entities.RefreshToken?.scope ??
    '';
  const oidcScopes = grant.getOIDCScopeFiltered(new Set(requested.split(' ')));
  const resourceScopes = typeof body.scope === 'string' ? body.scope : '';
  body.scope = [
    ...new Set(`${oidcScopes} ${resourceScopes}`.split(' ').filter((s) => s !== '')),
  ].join(' ');
}
