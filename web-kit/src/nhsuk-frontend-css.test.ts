import { readFileSync } from 'node:fs';
import { NHSUK_FRONTEND_CSS, nhsukFrontendCss, offlineNhsukCss } from './nhsuk-frontend-css';

describe('offlineNhsukCss', () => {
  it('drops remote fonts and points site-absolute assets at the package', () => {
    const css =
      '@font-face{font-family:F;src:url(https://assets.nhs.uk/f.woff2)}a{color:red}' +
      '@media screen\\0 and (min-width:1em){.a{b:c}.d{e:f}}.x{background:url(/assets/images/i.svg)}.y{background:url("/assets/images/j.svg")}';
    expect(offlineNhsukCss(css)).toBe(
      'a{color:red}.x{background:url(./assets/images/i.svg)}.y{background:url("./assets/images/j.svg")}',
    );
  });

  it('leaves no outside url in the pinned package and every asset it names exists', () => {
    const path = require.resolve(NHSUK_FRONTEND_CSS);
    const css = offlineNhsukCss(readFileSync(path, 'utf8'));
    expect(css).not.toMatch(/https?:\/\//);
    expect(css).not.toMatch(/@font-face|screen\\0/);
    const assets = [...css.matchAll(/url\(["']?(\.\/[^)"']+)/g)].map((m) => m[1] ?? '');
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets)
      expect(() =>
        readFileSync(require.resolve(asset, { paths: [path.replace(/[^/]+$/, '')] })),
      ).not.toThrow();
  });

  it('is applied by the Vite plugin to that stylesheet only', () => {
    const plugin = nhsukFrontendCss();
    const css = '@font-face{src:url(https://x)}b{}';
    expect(
      plugin.transform(css, '/n/node_modules/nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css')
        ?.code,
    ).toBe('b{}');
    expect(plugin.transform(css, '/n/web-kit/nhs.css')).toBeUndefined();
  });
});
