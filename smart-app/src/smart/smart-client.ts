import type Client from 'fhirclient/lib/Client';

/**
 * The part of a fhirclient `Client` the app uses. Components receive it as a prop, so tests pass a
 * fake and nothing reaches for a global.
 */
export type SmartClient = Pick<Client, 'request' | 'getPatientId' | 'getFhirUser' | 'state'>;

/** SMART's `need_patient_banner`: absent means the EHR does not show one, so the app must. */
export function needsPatientBanner(client: SmartClient): boolean {
  const value: unknown = client.state.tokenResponse?.need_patient_banner;
  return value !== false;
}

/** fhirclient keeps its state key in sessionStorage under this name while a launch is under way. */
const SMART_KEY = 'SMART_KEY';

/** True when this page load continues a launch (a code in the URL, or a session in storage). */
export function launchInProgress(search: string, storage: Pick<Storage, 'getItem'>): boolean {
  const params = new URLSearchParams(search);
  return params.has('code') || params.has('state') || storage.getItem(SMART_KEY) !== null;
}
