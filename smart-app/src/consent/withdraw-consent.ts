import type { Consent } from 'fhir/r4';
import { withdrawConsent, type NamedReference } from '@linkwell/profiles';
import type { ConsentView } from '../dashboard/consent-view';
import type { SmartClient } from '../smart/smart-client';

/**
 * Records the patient's withdrawal as an update of the same Consent (status inactive, the permit
 * ended now, who recorded it), only if nobody changed it since it was read (If-Match).
 */
export async function recordWithdrawal(
  client: SmartClient,
  consent: ConsentView,
  withdrawal: { readonly date: string; readonly by: NamedReference },
): Promise<Consent> {
  const { versionId, ...meta } = consent.resource.meta ?? {};
  const stored: Consent = { ...consent.resource, meta: { ...meta } };
  delete stored.meta?.lastUpdated;
  const withdrawn = withdrawConsent(stored, withdrawal);
  return client.request<Consent>({
    url: `Consent/${encodeURIComponent(consent.id)}`,
    method: 'PUT',
    body: JSON.stringify(withdrawn),
    headers: {
      'content-type': 'application/fhir+json',
      accept: 'application/fhir+json',
      ...(versionId === undefined ? {} : { 'if-match': `W/"${versionId}"` }),
    },
  });
}
