export { ensureHapiBuilt, sourceFingerprint, SERVER_DIR, SERVER_JAR } from './build';
export type { BuildResult } from './build';
export { HapiLaunchError } from './errors';
export { startHapi } from './server';
export type { HapiJvmProfile, HapiOptions, HapiServer } from './server';
export { loadTransactionBundles } from './bundle-loader';
export type { BundleLoadReport } from './bundle-loader';
