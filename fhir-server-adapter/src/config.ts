import { isAbsolute, join, resolve } from 'node:path';
import { ConfigError, envFlag, envInteger, envValue, httpUrl } from '@linkwell/service-kit';
import { loadDirectoryConfig, type DirectoryConfig } from './directory/directory-config';
import { loadEndpoints, type EhrEndpoint } from './ehr-endpoints';
import { parseThresholds } from './insights/measures';

export { ConfigError };
export type { EhrEndpoint };

/** Everything the adapter is told through the environment (see README.md and .env.example). */
export interface AdapterConfig {
  readonly port: number;
  /** Where the EHR's FHIR server and browsers reach the adapter, without a trailing slash. */
  readonly publicUrl: string;
  /**
   * The EHR FHIR servers (ADAPTER_EHR_ENDPOINTS, or the one of ADAPTER_FHIR_BASE and friends);
   * the first is the primary one (sign-in, the team, the directory).
   */
  readonly endpoints: readonly EhrEndpoint[];
  /** PostgreSQL server URL; the embedded PGlite database under dataDir when absent. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  /** The link-worker service Organization id (owner of the referral Tasks). */
  readonly serviceOrg: string;
  /** The OpenID Connect client the link-worker app signs in with (`client_id` of its access tokens). */
  readonly signInClientId: string;
  /**
   * The `aud` the link-worker API requires of access tokens (the resource indicator the app asks
   * the authorization server for): ADAPTER_API_AUDIENCE, else the public URL.
   */
  readonly apiAudience: string;
  readonly pollIntervalSeconds: number;
  readonly syncIntervalSeconds: number;
  readonly syncBatchSize: number;
  /** Outbound batches in flight at once per endpoint, each lane on its own cases. */
  readonly syncLanes: number;
  /** Create the rest-hook Subscriptions (Tasks and Consents of the service) at start. */
  readonly subscribe: boolean;
  /** The first wait after a sync run found an endpoint unreachable; doubled per failure, to 5 min. */
  readonly endpointBackoffSeconds: number;
  readonly maxBodyBytes: number;
  /** How long a link worker's membership of the service is trusted before it is asked again. */
  readonly membershipSeconds: number;
  /** The community directory: its ORUK feed, import schedule, lookups and coordinator links. */
  readonly directory: DirectoryConfig;
  /** Meaningful-change thresholds replacing the defaults (ADAPTER_INSIGHTS_THRESHOLDS, key=points,...). */
  readonly insightsThresholds: Readonly<Record<string, number>>;
  /** A postcode or LSOA to IMD decile CSV loaded at start (ADAPTER_IMD_LOOKUP); none when absent. */
  readonly imdLookup: string | undefined;
  /** Fill an empty store with synthetic demo cases at start (ADAPTER_DEMO_SEED, `npm start`). */
  readonly demoSeed: boolean;
  /** The demo only (ADAPTER_DEMO_FHIR_BASE): where made-up Patients and Encounters are written. */
  readonly demoFhirBase: string | undefined;
  /** Hours between scheduled refreshes of the cached EHR Encounters (ADAPTER_ENCOUNTER_REFRESH_HOURS). */
  readonly encounterRefreshHours: number;
  /** The profiles' FHIR folder: the Questionnaires people answer by link are read from it. */
  readonly profilesDir: string;
  /** This process among replicas sharing one store (logs and leases); made up at start if absent. */
  readonly instanceId: string | undefined;
  /** How long the poller-and-Subscription lease lasts unrenewed (a survivor takes it after). */
  readonly leaseSeconds: number;
  /** How long a claim on a case's outbox rows lasts when its process dies mid-batch. */
  readonly claimSeconds: number;
}

const REPO_ROOT = resolve(__dirname, '..', '..');

// The narrowest that works: no delete anywhere; `s` where the adapter searches or creates
// conditionally (criteria are a search); Practitioner, Organization and Location are only read
// (directly or by `_include`), never searched; Patient is read and searched, never written. The sandbox allowlists exactly these.
const DEFAULT_SCOPES = [
  // c: the Task a community service acts on for each onward referral.
  'system/Task.crus',
  'system/Goal.crus',
  'system/Observation.crus',
  'system/QuestionnaireResponse.crus',
  'system/ServiceRequest.crus',
  // Written by PUT with the adapter's own id, read back when reconciling.
  'system/Provenance.ru',
  'system/Subscription.crus',
  // What the patient agreed to: read at ingest, kept fresh, updated on a withdrawal; created
  // when the service takes a referral itself (a self-referral) and records the consent.
  'system/Consent.crus',
  // The message back to the GP when a case closes.
  'system/DocumentReference.crus',
  // Risk Flags: read from the referral, written back when the GP should know.
  'system/Flag.crus',
  // The personalised care and support plan, when the person agreed to write-back.
  'system/CarePlan.crus',
  'system/PractitionerRole.rs',
  'system/HealthcareService.rs',
  // Healthcare use before and after referral: consented patients' Encounters, searched by
  // patient and date (insights/healthcare-use-read.ts), never written.
  'system/Encounter.rs',
  // The link-worker app shows who was referred, by whom (name, role, practice), the team's
  // names, and where community services meet. Patient is also searched (NHS number, or name and
  // birth date) to find the person of a self-referral; never written.
  'system/Patient.rs',
  'system/Practitioner.r',
  'system/Organization.r',
  'system/Location.r',
].join(' ');

function insightsThresholds(raw: string | undefined): Record<string, number> {
  try {
    return parseThresholds(raw);
  } catch (error) {
    throw new ConfigError(`ADAPTER_INSIGHTS_THRESHOLDS: ${(error as Error).message}`);
  }
}

const optionalPath = (raw: string | undefined): string | undefined =>
  raw === undefined ? undefined : isAbsolute(raw) ? raw : resolve(REPO_ROOT, raw);

function optionalUrl(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = envValue(env, name);
  return raw === undefined ? undefined : httpUrl(name, raw);
}

/** The synthetic deprivation lookup the demo ships for its own made-up postcodes. */
export const DEMO_IMD_LOOKUP = resolve(__dirname, '..', 'data', 'imd-lookup.synthetic.csv');

/** Builds the one frozen config at start; throws a ConfigError a person can act on. */
export function loadConfig(env: NodeJS.ProcessEnv): AdapterConfig {
  const port = envInteger(env, 'ADAPTER_PORT', 8092, 65535);
  const dataDir = envValue(env, 'ADAPTER_DATA_DIR') ?? join('.data', 'adapter');
  const databaseUrl = envValue(env, 'DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL.');
  }
  const serviceOrg = envValue(env, 'ADAPTER_SERVICE_ORG') ?? 'lw-sp-service-riverside';
  if (!/^[A-Za-z0-9\-.]{1,64}$/.test(serviceOrg)) {
    throw new ConfigError(`ADAPTER_SERVICE_ORG must be a FHIR id, not "${serviceOrg}".`);
  }
  const publicUrl = httpUrl(
    'ADAPTER_PUBLIC_URL',
    envValue(env, 'ADAPTER_PUBLIC_URL') ?? `http://localhost:${port}`,
  );
  const audience = envValue(env, 'ADAPTER_API_AUDIENCE');
  return Object.freeze({
    port,
    publicUrl,
    apiAudience: audience === undefined ? publicUrl : httpUrl('ADAPTER_API_AUDIENCE', audience),
    endpoints: loadEndpoints(env, DEFAULT_SCOPES, REPO_ROOT),
    databaseUrl,
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(REPO_ROOT, dataDir),
    serviceOrg,
    signInClientId: envValue(env, 'ADAPTER_SIGN_IN_CLIENT_ID') ?? 'linkwell-link-worker-app',
    pollIntervalSeconds: envInteger(env, 'ADAPTER_POLL_SECONDS', 60, 86_400),
    syncIntervalSeconds: envInteger(env, 'ADAPTER_SYNC_SECONDS', 10, 86_400),
    syncBatchSize: envInteger(env, 'ADAPTER_SYNC_BATCH', 50, 1000),
    syncLanes: envInteger(env, 'ADAPTER_SYNC_LANES', 2, 16),
    subscribe: envFlag(env, 'ADAPTER_SUBSCRIBE', true),
    endpointBackoffSeconds: envInteger(env, 'ADAPTER_ENDPOINT_BACKOFF_SECONDS', 5, 300),
    maxBodyBytes: envInteger(env, 'ADAPTER_MAX_BODY_BYTES', 64 * 1024, 10 * 1024 * 1024),
    membershipSeconds: envInteger(env, 'ADAPTER_MEMBERSHIP_SECONDS', 30, 300),
    directory: loadDirectoryConfig(env),
    insightsThresholds: insightsThresholds(envValue(env, 'ADAPTER_INSIGHTS_THRESHOLDS')),
    imdLookup: optionalPath(envValue(env, 'ADAPTER_IMD_LOOKUP')),
    demoSeed: envFlag(env, 'ADAPTER_DEMO_SEED', false),
    demoFhirBase: optionalUrl(env, 'ADAPTER_DEMO_FHIR_BASE'),
    encounterRefreshHours: envInteger(env, 'ADAPTER_ENCOUNTER_REFRESH_HOURS', 24, 24 * 31),
    profilesDir: resolve(REPO_ROOT, 'profiles', 'fhir'),
    instanceId: envValue(env, 'ADAPTER_INSTANCE_ID'),
    leaseSeconds: envInteger(env, 'ADAPTER_LEASE_SECONDS', 30, 3600),
    claimSeconds: envInteger(env, 'ADAPTER_CLAIM_SECONDS', 120, 3600),
  });
}
