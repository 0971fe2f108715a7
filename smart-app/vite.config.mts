import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
// By path, not package name: Vite bundles a relative import into the config, while a package's
// TypeScript would be handed to Node unbuilt.
import { nhsukFrontendCss } from '../web-kit/src/nhsuk-frontend-css';

// Two pages: launch.html starts SMART authorization, index.html is the app (the redirect target).
const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  plugins: [nhsukFrontendCss()],
  define: {
    // fhirclient's "pure" build: modern browsers need no fetch or AbortController polyfills.
    FHIRCLIENT_PURE: 'true',
  },
  resolve: {
    // Browsers have WebCrypto; the isomorphic fallback would drag React Native into the bundle.
    alias: { 'isomorphic-webcrypto': here('src/smart/webcrypto.ts') },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: { input: { app: here('index.html'), launch: here('launch.html') } },
  },
  server: { port: 8091, strictPort: true },
  preview: { port: 8091, strictPort: true },
});
