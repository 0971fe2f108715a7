import { join, resolve } from 'node:path';
import {
  ensureViteBuilt,
  sourceFingerprint as fingerprintOf,
  type ViteApp,
} from '@linkwell/web-kit';

/** The smart-app folder, found from this file so it works from any working directory. */
export const APP_DIR = resolve(__dirname, '..');
export const DIST_DIR = join(APP_DIR, 'dist');

const GP_APP: ViteApp = {
  appDir: APP_DIR,
  sources: ['src', 'index.html', 'launch.html', 'vite.config.mts', 'package.json'],
  label: 'GP app',
};

/** A hash of every source file: a new hash means the bundle is stale. */
export function sourceFingerprint(appDir: string = APP_DIR): string {
  return fingerprintOf({ ...GP_APP, appDir });
}

/** Runs `vite build` only when dist is missing or the sources changed; returns the dist folder. */
export function ensureSmartAppBuilt(log?: (line: string) => void): Promise<string> {
  return ensureViteBuilt(GP_APP, log);
}
