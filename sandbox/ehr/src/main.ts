import { createApp } from './app';
import { loadClients } from './clients';
import { ConfigError, loadConfig } from './config';
import { ensureKeys } from './keys';
import { LaunchStore } from './launch-store';
import { jsonLogger } from './log';
import { createProvider } from './provider';
import { loadSeed } from './seed';
import { TokenRegistry } from './token-registry';
import { createTokenVerifier } from './token-verifier';

// Runs the EHR sandbox: `tsx sandbox/ehr/src/main.ts`, configured by EHR_* variables (see README).
async function main(): Promise<void> {
  const log = jsonLogger(undefined, 'ehr-sandbox');
  const config = loadConfig(process.env);
  const keys = ensureKeys(config.keysDir);
  if (keys.generated) log.info('keys.generated', { dir: config.keysDir });
  const clients = loadClients(config.clientsFiles);
  const launches = new LaunchStore(config.launchTtlSeconds);
  const tokens = new TokenRegistry();
  const provider = createProvider(config, { keys, clients, launches, tokens, log });
  const verify = createTokenVerifier(config, keys, tokens);
  if (config.loadSeed) {
    const report = await loadSeed(config.fhirUpstream);
    log.info('seed.loaded', { resources: report.resources });
  }
  const app = createApp(config, { provider, clients, launches, verify, log });
  const server = app.listen(config.port, () => {
    log.info('listening', {
      url: config.publicUrl,
      fhirBase: config.fhirBase,
      clients: clients.clients.length,
    });
  });
  const stop = (): void => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // Started by startEhrSandbox: stdin is its pipe, which closes when the launcher dies in any way.
  if (process.env.EHR_EXIT_WITH_PARENT === 'stdin') {
    process.stdin.once('end', stop);
    process.stdin.resume();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)}\n`,
  );
  process.exit(1);
});
