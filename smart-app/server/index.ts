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
