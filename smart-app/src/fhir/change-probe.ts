import type { Bundle, FhirResource } from 'fhir/r4';
import type { SmartClient } from '../smart/smart-client';
import { batchEntryError, type DashboardData } from './dashboard-batch';
import { PATIENT_SEARCHES, patientSearches } from './patient-searches';

/** The newest `meta.lastUpdated` among the patient's resources the dashboard read. */
export function newestUpdate(data: DashboardData): string | undefined {
  const resources: readonly FhirResource[][] = PATIENT_SEARCHES.map((key) => [...data[key]]);
  let newest: string | undefined;
  for (const resource of resources.flat()) {
    const updated = resource.meta?.lastUpdated;
    if (updated === undefined || Number.isNaN(Date.parse(updated))) continue;
    if (newest === undefined || Date.parse(updated) > Date.parse(newest)) newest = updated;
  }
  return newest;
}

/**
 * `since` at millisecond precision: HAPI reads `gt` on a whole-second instant as "after that
 * second", which would miss a change later in the same second.
 */
function toMillis(since: string): string {
  return since.replace(/(T\d{2}:\d{2}:\d{2})(?=Z|[+-]\d{2}:\d{2}$)/, '$1.000');
}

/**
 * The dashboard's patient searches as counts of what changed after `since`: a few bytes per entry.
 * Without `since` (nothing seen yet) any match at all is new.
 */
export function changeProbe(patientId: string, since: string | undefined): Bundle {
  const searches = patientSearches(patientId);
  const after =
    since === undefined ? '' : `&_lastUpdated=${encodeURIComponent(`gt${toMillis(since)}`)}`;
  return {
    resourceType: 'Bundle',
    type: 'batch',
    entry: PATIENT_SEARCHES.map((key) => ({
      request: { method: 'GET', url: `${searches[key]}${after}&_summary=count` },
    })),
  };
}

/** True when any count is above zero; a refused entry throws with its status. */
export function somethingChanged(response: Bundle): boolean {
  return (response.entry ?? []).some((entry, i) => {
    const status = Number.parseInt(entry.response?.status ?? '0', 10);
    const resource = entry.resource as FhirResource | undefined;
    if (!(status >= 200 && status < 300) || resource?.resourceType !== 'Bundle') {
      const outcome = resource?.resourceType === 'OperationOutcome' ? resource : undefined;
      throw batchEntryError(status, `changes (${PATIENT_SEARCHES[i] ?? i})`, outcome);
    }
    return (resource.total ?? 0) > 0;
  });
}

/** One small batch: has anything the dashboard shows changed since it was read? */
export async function hasChanged(
  client: SmartClient,
  patientId: string,
  since: string | undefined,
  signal?: AbortSignal,
): Promise<boolean> {
  const response = await client.request<Bundle>({
    url: '',
    method: 'POST',
    body: JSON.stringify(changeProbe(patientId, since)),
    headers: { 'content-type': 'application/fhir+json', accept: 'application/fhir+json' },
    ...(signal === undefined ? {} : { signal }),
  });
  return somethingChanged(response);
}
