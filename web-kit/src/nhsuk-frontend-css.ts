/**
 * nhsuk-frontend's compiled stylesheet, made fit for apps that run offline: its @font-face rules
 * (Frutiger from assets.nhs.uk) are dropped, so text falls back to Arial as the NHS guidance
 * allows, and its site-absolute icon urls (/assets/images/...) point at the package's own files,
 * which Vite then bundles. Nothing is fetched from outside at runtime.
 */
export const NHSUK_FRONTEND_CSS = 'nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css';

const FONT_FACE = /@font-face\s*\{[^}]*\}/g;
const SITE_ASSETS = /url\(\s*(["']?)\/assets\//g;
// `@media screen\0` blocks target Internet Explorer only, and Vite's CSS minifier rejects them.
const IE_ONLY_MEDIA = /@media screen\\0[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}/g;

/** The package's CSS without remote fonts or IE-only rules, its asset urls relative to the file. */
export function offlineNhsukCss(css: string): string {
  return css
    .replace(FONT_FACE, '')
    .replace(IE_ONLY_MEDIA, '')
    .replace(SITE_ASSETS, 'url($1./assets/');
}

/** The Vite plugin both apps use; it touches only nhsuk-frontend's compiled stylesheet. */
export function nhsukFrontendCss(): {
  name: string;
  enforce: 'pre';
  transform: (code: string, id: string) => { code: string; map: null } | undefined;
} {
  return {
    name: 'linkwell:nhsuk-frontend-css',
    enforce: 'pre',
    transform(code, id) {
      const path = id.split('?')[0] ?? id;
      if (!/[\\/]nhsuk-frontend[\\/]dist[\\/]nhsuk[\\/]nhsuk-frontend\.min\.css$/.test(path))
        return undefined;
      return { code: offlineNhsukCss(code), map: null };
    },
  };
}
