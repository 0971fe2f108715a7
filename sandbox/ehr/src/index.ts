// Public entry point. Nothing here loads oidc-provider (ESM-only): the sandbox runs as a child process.
export { startEhrSandbox } from './launcher';
export type { EhrSandbox, EhrSandboxOptions } from './launcher';
export { loadSeed, SEED, SEED_DIR } from './seed';
export type { SeedReport } from './seed';
export { loadConfig, ConfigError } from './config';
export type { EhrConfig } from './config';
