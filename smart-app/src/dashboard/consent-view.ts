import type { Consent, ServiceRequest } from 'fhir/r4';
import { consentState, type ConsentState } from '@linkwell/profiles';
import { idFrom } from '../fhir/references';
import { CONSENT_IDENTIFIER_SYSTEM } from '../referral/referral-transaction';

/** The Consent behind a referral: what it says, and the stored resource a withdrawal updates. */
export interface ConsentView {
  readonly id: string;
  readonly state: ConsentState;
  readonly resource: Consent;
}

/** The referral's Consent: the one it points at (supportingInfo), else the one sharing its id. */
export function consentFor(
  referral: ServiceRequest,
  consents: readonly Consent[],
): ConsentView | undefined {
  const pointedAt = new Set(
    (referral.supportingInfo ?? []).map((ref) => idFrom(ref, 'Consent')).filter(Boolean),
  );
  const businessIds = new Set((referral.identifier ?? []).map((i) => i.value));
  const consent =
    consents.find((c) => c.id !== undefined && pointedAt.has(c.id)) ??
    consents.find((c) =>
      (c.identifier ?? []).some(
        (i) => i.system === CONSENT_IDENTIFIER_SYSTEM && businessIds.has(i.value),
      ),
    );
  if (consent?.id === undefined) return undefined;
  return { id: consent.id, state: consentState(consent), resource: consent };
}
