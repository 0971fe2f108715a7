import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
// By path, not package name: Vite bundles a relative import into the config, while a package's
// TypeScript would be handed to Node unbuilt.
import { nhsukFrontendCss } from '../web-kit/src/nhsuk-frontend-css';

// One page: the adapter serves dist/ at `/` and falls back to index.html for app paths.
const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  plugins: [nhsukFrontendCss()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    port: 8093,
    strictPort: true,
    // Under `vite dev` the API and the sign-in config come from the adapter.
    proxy: { '/api': 'http://localhost:8092', '/app-config.json': 'http://localhost:8092' },
  },
});
