import type { Bundle } from 'fhir/r4';
import type { SmartClient } from '../smart/smart-client';
import { idFrom } from '../fhir/references';

export interface SubmittedReferral {
  readonly referralId: string;
  /** False when the server found the referral from an earlier attempt (conditional create). */
  readonly created: boolean;
}

/** POSTs the transaction to the FHIR base; fhirclient errors (with the server's words) propagate. */
export async function submitReferral(
  client: SmartClient,
  transaction: Bundle,
  signal?: AbortSignal,
): Promise<SubmittedReferral> {
  const response = await client.request<Bundle>({
    url: '',
    method: 'POST',
    body: JSON.stringify(transaction),
    headers: { 'content-type': 'application/fhir+json', accept: 'application/fhir+json' },
    ...(signal === undefined ? {} : { signal }),
  });
  const entry = response.entry?.[1]?.response;
  const referralId = idFrom({ reference: entry?.location ?? '' }, 'ServiceRequest') ?? '';
  return { referralId, created: entry?.status.startsWith('201') ?? false };
}
