// The insights answers the app reads: the contract's (contracts/src/insights.ts).
export type {
  Bar,
  EncounterRefreshStatus,
  ExportKind,
  ExportStatus,
  HealthcareUse,
  HealthcareUseFigure,
  InsightsFilterValues,
  InsightsReport,
  Shown,
} from '@linkwell/contracts';
