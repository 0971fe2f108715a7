// The service's figures and exports: what tests, benchmarks and the demo seed use.
export { insightsReport, type InsightsReport, type ReportDeps } from './report';
export { parseFilter, type InsightsFilter } from './filters';
export { REPORTED_MEASURES, measuresWith, type ReportedMeasure } from './measures';
export { flowRows, supportRows, timelinessRows } from './queries';
export { equityRows, outcomeRows } from './outcome-queries';
export { writeSyntheticCases, type SyntheticCase } from './synthetic-cases';
export { loadDeprivationLookup, parseDeprivationLookup } from './deprivation';
export { fillCaseFacts, caseFactsFrom, type CaseFacts } from './case-facts';
export { demoCases } from './demo-cases';
export { ExportJobs, type ExportKind } from './export-jobs';
export {
  encounterRow,
  readEncounters,
  saveEncounters,
  type EncounterRow,
  type PatientToRead,
} from './healthcare-use-read';
export { healthcareUseRows, WINDOW_MONTHS, type HealthcareUseRow } from './healthcare-use-queries';
export { healthcareUseSection, type HealthcareUseSection } from './healthcare-use';
export { EncounterRefresh, type EncounterRefreshJob } from './healthcare-use-refresh';
export { demoEncounters, seedDemoEncounters, DEMO_DATA_TAG } from './demo-encounters';
export { SERVICE_COLUMNS, csvHeader, csvLine } from './dataset';
