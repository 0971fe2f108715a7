import type { AdapterConfig } from '../config';
import type { TeamDirectory } from '../fhir/team-directory';
import { seedDemoCases } from './demo-seed';
import type { Database } from '../db/database';
import type { FhirGateway } from '../fhir/gateway';
import type { Logger } from '../log';
import { join } from 'node:path';
import { fillCaseFacts } from './case-facts';
import { ExportJobs } from './export-jobs';
import { loadOrCreatePseudonymKey } from './pseudonym';
import { loadDeprivationLookup } from './deprivation';
import { measuresWith, type ReportedMeasure } from './measures';
import { EncounterRefresh } from './healthcare-use-refresh';
import { seedDemoEncounters } from './demo-encounters';

export interface InsightsParts {
  readonly exports: ExportJobs;
  readonly db: Database;
  readonly measures: readonly ReportedMeasure[];
  readonly refreshFacts: () => Promise<unknown>;
  /** Healthcare use: the consented patients' EHR Encounters read into the store. */
  readonly encounters: EncounterRefresh;
}

/** Loads the deprivation lookup (when configured), seeds the demo's cases (when on), and returns what the insights routes need. */
export async function startInsights(
  config: Pick<
    AdapterConfig,
    'imdLookup' | 'insightsThresholds' | 'demoSeed' | 'serviceOrg' | 'dataDir'
  >,
  db: Database,
  /** Each EHR endpoint's gateway by id: a case's facts are read from its own endpoint. */
  gateways: ReadonlyMap<string, FhirGateway>,
  log: Logger,
  team: TeamDirectory,
  /** The demo only: where it writes its made-up Patients and Encounters (HAPI directly). */
  demoFhir?: FhirGateway,
): Promise<InsightsParts> {
  if (config.imdLookup !== undefined) {
    const areas = await loadDeprivationLookup(db, config.imdLookup);
    log.info('insights.deprivation-loaded', { areas });
  }
  // The demo's cases need the team's names from the EHR: tried at start, and again before a
  // report while it has not worked (the EHR may come up after the adapter).
  let demoPending = config.demoSeed;
  const seedDemo = async (): Promise<void> => {
    if (!demoPending) return;
    try {
      const workers = (await team.members()).filter((m) => !m.manager).map((m) => m.practitioner);
      const seeded = await seedDemoCases(db, { serviceOrg: config.serviceOrg, workers });
      demoPending = false;
      if (seeded > 0) log.info('insights.demo-seeded', { cases: seeded });
      if (demoFhir !== undefined) void seedEncounters(demoFhir);
    } catch (error) {
      log.warn('insights.demo-seed-failed', {
        error: error instanceof Error ? error.name : 'unknown',
      });
    }
  };
  // Each endpoint's cases' Encounters are read from that endpoint (see the adapter README).
  const encounters = new EncounterRefresh({
    db,
    gateways,
    serviceOrg: config.serviceOrg,
    log,
  });
  // In the background: a few thousand made-up Encounters take HAPI a little while.
  const seedEncounters = async (fhir: FhirGateway): Promise<void> => {
    try {
      const written = await seedDemoEncounters(db, fhir, { serviceOrg: config.serviceOrg });
      if (written > 0) {
        log.info('insights.demo-encounters-seeded', { encounters: written });
        // A scheduled refresh may have read these patients before their Encounters were written:
        // forget those reads, so this refresh reads them again.
        await db.query(
          `DELETE FROM encounter_reads WHERE (endpoint, patient_ref) IN
             (SELECT endpoint, patient_ref FROM cases WHERE service_org = $1)`,
          [config.serviceOrg],
        );
        await encounters.start();
      }
    } catch (error) {
      log.warn('insights.demo-encounters-failed', {
        error: error instanceof Error ? error.name : 'unknown',
      });
    }
  };
  await seedDemo();
  // At start the EHR cannot yet fetch the adapter's JWKS (it listens after this): try again soon.
  if (demoPending) setTimeout(() => void seedDemo(), 3000).unref();
  const measures = measuresWith(config.insightsThresholds);
  const exports = new ExportJobs({
    db,
    dir: join(config.dataDir, 'exports'),
    measures,
    pseudonymKey: loadOrCreatePseudonymKey(join(config.dataDir, 'keys')),
    log,
  });
  let filling: Promise<number> | undefined;
  return {
    db,
    exports,
    measures,
    encounters,
    // One fill at a time: concurrent reports wait for the same one.
    refreshFacts: () =>
      (filling ??= seedDemo()
        .then(async () => {
          let filled = 0;
          for (const [endpoint, gateway] of gateways) {
            filled += await fillCaseFacts(db, gateway, endpoint);
          }
          return filled;
        })
        .finally(() => (filling = undefined))),
  };
}
