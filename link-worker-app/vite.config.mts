import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// One page: the adapter serves dist/ at `/` and falls back to index.html for app paths.
const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    port: 8093,
    strictPort: true,
    // Under `vite dev` the API and the sign-in config come from the adapter.
    proxy: { '/api': 'http://localhost:8092', '/app-config.json': 'http://localhost:8092' },
  },
});
