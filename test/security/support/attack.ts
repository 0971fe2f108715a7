import { request as httpRequest } from 'node:http';
import type { FhirResource, Observation, Patient } from 'fhir/r4';
import { fhirRequest, uniqueId } from '../../support/fhir-http';
import { ehrBase } from '../../ehr/support/ehr-env';
import { launchAndToken } from '../../ehr/support/launch';

// Two patients seeded straight into HAPI, and an attacker holding a patient/ token for the first.
// Every attack goes through the sandbox's proxy; ground truth is read from HAPI directly.

/** The GP app's own scopes (smart-app/src/smart/app-config.ts), as the attacker would have them. */
export const GP_APP_SCOPES = [
  'patient/Patient.r patient/ServiceRequest.crs patient/Task.crs patient/Consent.crus',
  'patient/Goal.rs patient/Observation.rs patient/DocumentReference.rs patient/Flag.crs',
  'user/Organization.rs user/OrganizationAffiliation.rs user/PractitionerRole.rs user/Practitioner.r',
].join(' ');

export const TEST_SYSTEM = 'https://linkwell.example.org/fhir/sid/security-test';

export interface Victims {
  /** The launch patient: the attacker's own record. */
  me: string;
  /** Another patient whose record the attacker is after. */
  other: string;
  /** A code that only this run's observations carry, to count them in HAPI. */
  code: string;
}

export async function hapiPut<T extends FhirResource>(resource: T & { id: string }): Promise<T> {
  const response = await fhirRequest<T>('PUT', `${resource.resourceType}/${resource.id}`, resource);
  if (response.status >= 300) throw new Error(`seeding ${resource.resourceType} failed`);
  return response.body;
}

/**
 * The two patients (the other born in 1961), PUT with fixed ids so reruns on a shared server add no
 * more patients; each test tells its own resources by a code of its own.
 */
export async function seedPatients(): Promise<Victims> {
  const me = 'security-test-me';
  const other = 'security-test-other';
  for (const [id, birthDate] of [
    [me, '1990-01-01'],
    [other, '1961-07-14'],
  ] as const) {
    await hapiPut<Patient>({ resourceType: 'Patient', id, birthDate, name: [{ family: 'Test' }] });
  }
  return { me, other, code: uniqueId('code') };
}

export function observation(
  id: string,
  patient: string,
  code: string,
  extra: Partial<Observation> = {},
): Observation & { id: string } {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    code: { coding: [{ system: TEST_SYSTEM, code }] },
    subject: { reference: `Patient/${patient}` },
    ...extra,
  };
}

export async function attackerToken(patient: string, scopes = GP_APP_SCOPES): Promise<string> {
  return (await launchAndToken(scopes, patient)).accessToken;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * Sends a request to the proxy with the path exactly as given: fetch (WHATWG URL) would resolve
 * `..` and `%2E%2E` itself, so the attack would never reach the proxy.
 */
export function rawProxy(
  method: string,
  path: string,
  token: string,
  init: { headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  const base = new URL(ehrBase());
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: base.hostname,
        port: base.port,
        method,
        path: `/fhir/${path}`,
        headers: {
          accept: 'application/fhir+json',
          authorization: `Bearer ${token}`,
          ...(init.body === undefined ? {} : { 'content-type': 'application/fhir+json' }),
          ...init.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
        });
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    req.on('error', reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

/** How many resources HAPI holds for a search: the ground truth an attack is checked against. */
export async function hapiCount(search: string): Promise<number> {
  const response = await fhirRequest<{ total?: number }>('GET', `${search}&_summary=count`);
  return response.body.total ?? -1;
}
