import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startEhrSandbox } from '@linkwell/ehr-sandbox';
import {
  DEMO_IMD_LOOKUP,
  loadConfig as loadAdapterConfig,
  startAdapter,
} from '@linkwell/fhir-server-adapter';
import { HapiLaunchError, loadTransactionBundles, startHapi } from '@linkwell/hapi';
import { ensureLinkWorkerAppBuilt } from '@linkwell/link-worker-app';
import { ensureSmartAppBuilt, serveSmartApp } from '@linkwell/smart-app';
import { generateFeed, startOrukFeed } from '@linkwell/oruk-feed';
import { loadStartConfig } from './config';

interface Running {
  stop(): Promise<void>;
}

// `npm start`: the whole system on localhost, each piece stopped in reverse order on Ctrl+C.
async function main(): Promise<void> {
  const config = loadStartConfig(process.env);
  const log = (line: string): void => {
    console.log(line);
  };
  const running: Running[] = [];
  const stopAll = async (): Promise<void> => {
    for (const piece of running.reverse()) await piece.stop();
  };
  let stopping = false;
  // Ctrl+C can arrive twice (from the terminal and relayed by tsx): stop once, ignore the rest.
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    log('Stopping…');
    void stopAll().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  try {
    const hapi = await startHapi({
      port: config.hapiPort,
      database: { file: join(config.dataDir, 'hapi', 'linkwell') },
      profilesDir: config.profilesDir,
      log,
    });
    running.push(hapi);
    if (existsSync(config.fixturesDir)) {
      const report = await loadTransactionBundles(hapi.baseUrl, config.fixturesDir);
      log(`Seed patients: ${report.loaded.length} loaded, ${report.skipped.length} already there.`);
    } else {
      log(`No seed fixtures at ${config.fixturesDir} (set LINKWELL_FIXTURES_DIR).`);
    }
    const ehr = await startEhrSandbox({ fhirUpstream: hapi.baseUrl, port: config.ehrPort, log });
    running.push(ehr);
    const gpApp = await serveSmartApp({
      port: config.smartAppPort,
      distDir: await ensureSmartAppBuilt(log),
    });
    running.push({ stop: () => gpApp.close() });
    const orukFeed = await startOrukFeed({
      port: config.orukFeedPort,
      services: generateFeed({ count: config.orukFeedServices }),
    });
    running.push(orukFeed);
    const adapter = await startAdapter(
      loadAdapterConfig({
        ADAPTER_FHIR_BASE: ehr.fhirBase,
        ADAPTER_DATA_DIR: join(config.dataDir, 'adapter'),
        ADAPTER_DIRECTORY_FEED_URL: orukFeed.url,
        // The directory is public data: the import writes it to HAPI itself, not through the proxy.
        ADAPTER_DIRECTORY_FHIR_BASE: hapi.baseUrl,
        // The demo: made-up cases for the manager's view, and the synthetic deprivation lookup.
        ADAPTER_DEMO_SEED: 'true',
        ADAPTER_IMD_LOOKUP: DEMO_IMD_LOOKUP,
        // The demo's made-up Patients and Encounters (healthcare use before and after referral).
        ADAPTER_DEMO_FHIR_BASE: hapi.baseUrl,
        ...process.env,
      }),
      { webAppDir: await ensureLinkWorkerAppBuilt(log) },
    );
    running.push(adapter);

    log('');
    log('Linkwell is running:');
    log(`  EHR sandbox (launch page)  ${ehr.baseUrl}/   <- start here: pick a GP and a patient`);
    log(`  GP SMART app               ${gpApp.url}/launch.html (launched from the sandbox)`);
    log(`  Link-worker app            ${adapter.url}/   (sign in as a link worker)`);
    log(`  FHIR for apps (SMART)      ${ehr.fhirBase}`);
    log(`  HAPI FHIR server           ${hapi.baseUrl}`);
    log(`  Community directory feed   ${orukFeed.url}/services (synthetic Open Referral UK)`);
    log('Press Ctrl+C to stop.');
  } catch (error) {
    await stopAll();
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof HapiLaunchError ? error.message : error);
  process.exit(1);
});
