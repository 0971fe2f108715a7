// Public entry point of @linkwell/link-worker-app for Node: build the bundle when it is stale.
// The adapter serves the result (`startAdapter(config, { webAppDir })`); the two never import each other.
export { ensureLinkWorkerAppBuilt, sourceFingerprint, APP_DIR, DIST_DIR } from './build';
