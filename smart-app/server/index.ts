// Public entry point of @linkwell/smart-app for Node: build the bundle when stale, then serve it.
export { ensureSmartAppBuilt, sourceFingerprint, APP_DIR, DIST_DIR } from './build';
export { serveSmartApp } from './serve';
export type { SmartAppServer, SmartAppServerOptions } from './serve';
// The GP app's referral transaction, pure (no browser): the adapter's tests and the benchmarks
// write referrals exactly as the app does.
export {
  referralTransaction,
  CONSENT_IDENTIFIER_SYSTEM,
} from '../src/referral/referral-transaction';
export type { ReferralTransactionInput } from '../src/referral/referral-transaction';
export type { ReferralDraft } from '../src/referral/draft';
// The dashboard's one read (a batch of every search it shows) and the scopes the app asks for:
// the load benchmark reads and asks exactly as the app does.
export { dashboardBatch } from '../src/fhir/dashboard-batch';
export { DEFAULT_CONFIG, scopeFor } from '../src/smart/app-config';
