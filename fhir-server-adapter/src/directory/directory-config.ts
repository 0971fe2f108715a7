import { isAbsolute, join, resolve } from 'node:path';
import { ConfigError, envInteger, envValue, httpUrl } from '@linkwell/service-kit';

/** The directory's settings (ADAPTER_DIRECTORY_*; see fhir-server-adapter/.env.example). */
export interface DirectoryConfig {
  /** The ORUK API base whose `/services` is imported; no import when absent. */
  readonly feedUrl: string | undefined;
  /** Names the feed's identifier systems and FHIR ids (two feeds never collide). */
  readonly feedName: string;
  /** Minutes between scheduled imports; 0 imports only on demand. */
  readonly importMinutes: number;
  /** Where directory resources are written, without SMART tokens; the adapter's FHIR base when absent. */
  readonly fhirBase: string | undefined;
  /** CSV of postcode,latitude,longitude (the shipped file is synthetic, for the demo area). */
  readonly postcodesFile: string;
  /** JSON mapping Linkwell needs to the feed's taxonomy term codes. */
  readonly needTermsFile: string;
  /** Opening times in the feed are local to this time zone. */
  readonly timeZone: string;
  /** How long a coordinator's signed link works. */
  readonly linkDays: number;
}

const DATA = resolve(__dirname, '..', '..', 'directory-data');
const path = (raw: string | undefined, fallback: string): string =>
  raw === undefined ? fallback : isAbsolute(raw) ? raw : resolve(raw);

export function loadDirectoryConfig(env: NodeJS.ProcessEnv): DirectoryConfig {
  const feedUrl = envValue(env, 'ADAPTER_DIRECTORY_FEED_URL');
  const fhirBase = envValue(env, 'ADAPTER_DIRECTORY_FHIR_BASE');
  const feedName = envValue(env, 'ADAPTER_DIRECTORY_FEED_NAME') ?? 'riverside';
  if (!/^[a-z0-9-]{1,40}$/.test(feedName)) {
    throw new ConfigError(
      `ADAPTER_DIRECTORY_FEED_NAME must be lower-case letters, digits and dashes, not "${feedName}".`,
    );
  }
  const timeZone = envValue(env, 'ADAPTER_DIRECTORY_TIME_ZONE') ?? 'Europe/London';
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
  } catch {
    throw new ConfigError(
      `ADAPTER_DIRECTORY_TIME_ZONE must be an IANA time zone, not "${timeZone}".`,
    );
  }
  return Object.freeze({
    feedUrl: feedUrl === undefined ? undefined : httpUrl('ADAPTER_DIRECTORY_FEED_URL', feedUrl),
    feedName,
    importMinutes:
      envValue(env, 'ADAPTER_DIRECTORY_IMPORT_MINUTES') === '0'
        ? 0
        : envInteger(env, 'ADAPTER_DIRECTORY_IMPORT_MINUTES', 60, 10_080),
    fhirBase: fhirBase === undefined ? undefined : httpUrl('ADAPTER_DIRECTORY_FHIR_BASE', fhirBase),
    postcodesFile: path(
      envValue(env, 'ADAPTER_DIRECTORY_POSTCODES'),
      join(DATA, 'postcode-centroids.csv'),
    ),
    needTermsFile: path(
      envValue(env, 'ADAPTER_DIRECTORY_NEED_TERMS'),
      join(DATA, 'need-terms.json'),
    ),
    timeZone,
    linkDays: envInteger(env, 'ADAPTER_DIRECTORY_LINK_DAYS', 30, 365),
  });
}
