import type { KoaContextWithOIDC } from 'oidc-provider';
import { escapeHtml, page } from './html';

/**
 * The page oidc-provider shows when it must not redirect (unknown client, unregistered
 * redirect_uri): the OAuth error and its description, nothing else.
 */
export function renderOAuthError(
  ctx: KoaContextWithOIDC,
  out: { error: string; error_description?: string },
): void {
  ctx.type = 'html';
  ctx.body = page(
    'Authorization error',
    `<main><h1 class="error">${escapeHtml(out.error)}</h1><p>${escapeHtml(out.error_description ?? '')}</p>
<p>The app was not sent back: the EHR could not trust where it asked to be redirected.</p></main>`,
  );
}
