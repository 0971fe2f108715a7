import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HapiLaunchError, loadTransactionBundles, startHapi } from '@linkwell/hapi';
import { loadStartConfig } from './config';

// `npm start`: the whole system on localhost. For now: HAPI FHIR with our profiles and the seed patients.
async function main(): Promise<void> {
  const config = loadStartConfig(process.env);
  const log = (line: string): void => {
    console.log(line);
  };
  const hapi = await startHapi({
    port: config.hapiPort,
    database: { file: join(config.dataDir, 'hapi', 'linkwell') },
    profilesDir: config.profilesDir,
    log,
  });
  const shutdown = (): void => {
    log('Stopping…');
    void hapi.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);

  if (existsSync(config.fixturesDir)) {
    const report = await loadTransactionBundles(hapi.baseUrl, config.fixturesDir);
    log(`Seed patients: ${report.loaded.length} loaded, ${report.skipped.length} already there.`);
  } else {
    log(
      `No seed fixtures at ${config.fixturesDir} (set LINKWELL_FIXTURES_DIR); starting without them.`,
    );
  }
  log('');
  log('Linkwell is running:');
  log(`  HAPI FHIR server   ${hapi.baseUrl}`);
  log('Press Ctrl+C to stop.');
}

main().catch((error: unknown) => {
  console.error(error instanceof HapiLaunchError ? error.message : error);
  process.exit(1);
});
