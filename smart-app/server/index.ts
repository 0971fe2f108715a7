// Public entry point of @linkwell/smart-app for Node: build the bundle when stale, then serve it.
export { ensureSmartAppBuilt, sourceFingerprint, APP_DIR, DIST_DIR } from './build';
export { serveSmartApp } from './serve';
export type { SmartAppServer, SmartAppServerOptions } from './serve';
