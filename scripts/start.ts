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
import { startSecondEhr, startSecondHapi, writeEndpointsFile } from './second-practice';

interface Running {
  stop(): Promise<void>;
}

/** Waits for pieces starting side by side; each that started is stopped with the rest on failure. */
async function started<T extends Running>(running: Running[], starting: Promise<T>[]) {
  const results = await Promise.allSettled(starting);
  for (const result of results) if (result.status === 'fulfilled') running.push(result.value);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
  return results.map((r) => (r.status === 'fulfilled' ? r.value : undefined));
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
    // A second practice's HAPI starts beside the first.
    const [hapi, secondHapi] = await started(running, [
      startHapi({
        port: config.hapiPort,
        database: { file: join(config.dataDir, 'hapi', 'linkwell') },
        profilesDir: config.profilesDir,
        log,
      }),
      ...(config.practices === 2 ? [startSecondHapi(config, log)] : []),
    ]);
    if (hapi === undefined) throw new Error('HAPI did not start');
    if (existsSync(config.fixturesDir)) {
      const report = await loadTransactionBundles(hapi.baseUrl, config.fixturesDir);
      log(`Seed patients: ${report.loaded.length} loaded, ${report.skipped.length} already there.`);
    } else {
      log(`No seed fixtures at ${config.fixturesDir} (set LINKWELL_FIXTURES_DIR).`);
    }
    const ehr = await startEhrSandbox({ fhirUpstream: hapi.baseUrl, port: config.ehrPort, log });
    running.push(ehr);
    const secondEhr =
      secondHapi === undefined ? undefined : await startSecondEhr(config, secondHapi, log);
    if (secondEhr !== undefined) running.push(secondEhr);
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
        ...(secondEhr === undefined
          ? {}
          : { ADAPTER_EHR_ENDPOINTS: writeEndpointsFile(config, ehr, secondEhr) }),
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
    if (secondEhr !== undefined && secondHapi !== undefined) {
      log(`  Practice B's EHR sandbox   ${secondEhr.baseUrl}/   (a second practice, its own EHR)`);
      log(`  Practice B's HAPI          ${secondHapi.baseUrl}`);
    }
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
