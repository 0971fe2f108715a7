// @linkwell/fhir-server-adapter: the link-worker service's store, its sync with the EHR, and its API.
export { startAdapter, type RunningAdapter, type StartOptions } from './adapter';
export { createApp, type AppDeps } from './app';
export { loadConfig, ConfigError, type AdapterConfig } from './config';
export { ApiError } from './errors';
export { jsonLogger, silentLogger, type Logger } from './log';
export { openDatabase } from './db/open';
export type { Database } from './db/database';
export { CaseStore } from './store/case-store';
export { SyncStore } from './store/sync-store';
export type * from './store/records';
export { FhirGatewayError, type FhirGateway, type SearchParams } from './fhir/gateway';
export { createKitGateway, type TokenProvider } from './fhir/kit-gateway';
export { backendServicesTokens, clientAssertion, discoverSmart } from './fhir/smart-auth';
export { loadOrCreateKey, type AdapterKey } from './fhir/keys';
export { InboundSync } from './sync/inbound';
export { OutboundSync, type SyncReport, type OutboundOptions } from './sync/outbound';
export * as mappers from './sync/mappers';
export type { Authenticator, LinkWorker } from './api/auth';
