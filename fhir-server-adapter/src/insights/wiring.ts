import type { AdapterConfig } from '../config';
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

/** Loads the deprivation lookup (when configured) and returns what the insights routes need. */
export async function startInsights(
  config: Pick<AdapterConfig, 'imdLookup' | 'insightsThresholds'>,
  db: Database,
  gateway: FhirGateway,
  log: Logger,
): Promise<InsightsParts> {
  if (config.imdLookup !== undefined) {
    const areas = await loadDeprivationLookup(db, config.imdLookup);
    log.info('insights.deprivation-loaded', { areas });
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
