import type { AdapterConfig } from '../config';
import type { TeamDirectory } from '../fhir/team-directory';
import { seedDemoCases } from './demo-seed';
import type { Database } from '../db/database';
import type { FhirGateway } from '../fhir/gateway';
import type { Logger } from '../log';
import { fillCaseFacts } from './case-facts';
import { loadDeprivationLookup } from './deprivation';
import { measuresWith, type ReportedMeasure } from './measures';

export interface InsightsParts {
  readonly db: Database;
  readonly measures: readonly ReportedMeasure[];
  readonly refreshFacts: () => Promise<unknown>;
}

/** Loads the deprivation lookup (when configured), seeds the demo's cases (when on), and returns what the insights routes need. */
export async function startInsights(
  config: Pick<AdapterConfig, 'imdLookup' | 'insightsThresholds' | 'demoSeed' | 'serviceOrg'>,
  db: Database,
  gateway: FhirGateway,
  log: Logger,
  team: TeamDirectory,
): Promise<InsightsParts> {
  if (config.imdLookup !== undefined) {
    const areas = await loadDeprivationLookup(db, config.imdLookup);
    log.info('insights.deprivation-loaded', { areas });
  }
  if (config.demoSeed) {
    try {
      const workers = (await team.members()).filter((m) => !m.manager).map((m) => m.practitioner);
      const seeded = await seedDemoCases(db, { serviceOrg: config.serviceOrg, workers });
      if (seeded > 0) log.info('insights.demo-seeded', { cases: seeded });
    } catch (error) {
      // The demo still starts; its figures stay empty until cases come in.
      log.warn('insights.demo-seed-failed', {
        error: error instanceof Error ? error.name : 'unknown',
      });
    }
  }
  let filling: Promise<number> | undefined;
  return {
    db,
    measures: measuresWith(config.insightsThresholds),
    // One fill at a time: concurrent reports wait for the same one.
    refreshFacts: () =>
      (filling ??= fillCaseFacts(db, gateway).finally(() => (filling = undefined))),
  };
}
