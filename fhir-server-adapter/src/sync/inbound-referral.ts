import type { Bundle, Consent, FhirResource, ServiceRequest } from 'fhir/r4';
import { FhirGatewayError, type FhirGateway } from '../fhir/gateway';
import type { ConsentFacts } from '../store/consent-store';
import {
  NO_CONSENT,
  consentFacts,
  consentProblem,
  consentRefOf,
  referralProblem,
  type TaskShape,
} from './inbound-checks';

export type ReferralCheck =
  | { readonly problem: string }
  | {
      readonly problem?: undefined;
      readonly consent: ConsentFacts;
      /** The Referral as read (its risks and communication needs are taken from it). */
      readonly referral?: ServiceRequest;
    };

const gone = (error: unknown): boolean =>
  error instanceof FhirGatewayError && (error.status === 404 || error.status === 410);

/** The Referral with its performers (one search, `_include`), or undefined when it is not there. */
async function referralWithPerformers(
  gateway: FhirGateway,
  referralRef: string,
): Promise<{ referral: ServiceRequest | undefined; included: Map<string, FhirResource> }> {
  const bundle: Bundle = await gateway.search('ServiceRequest', {
    _id: referralRef.replace(/^ServiceRequest\//, ''),
    _include: 'ServiceRequest:performer',
  });
  const resources = (bundle.entry ?? []).flatMap((e) =>
    e.resource ? [e.resource as FhirResource] : [],
  );
  const included = new Map(resources.map((r) => [`${r.resourceType}/${r.id ?? ''}`, r]));
  const referral = included.get(referralRef);
  return {
    referral: referral?.resourceType === 'ServiceRequest' ? referral : undefined,
    included,
  };
}

/** The Consent the Referral points at, or undefined when it names none or it is gone. */
export async function readConsent(
  gateway: FhirGateway,
  consentRef: `Consent/${string}`,
): Promise<Consent | undefined> {
  try {
    return await gateway.read<Consent>('Consent', consentRef.replace(/^Consent\//, ''));
  } catch (error) {
    if (gone(error)) return undefined;
    throw error;
  }
}

/**
 * Reads what the Task points at and checks it (see inbound-checks.ts): a problem to hold the Task
 * with, or the consent the case starts with. Server failures other than "not found" are thrown,
 * so the notification or poll is tried again.
 */
export async function checkReferral(
  gateway: FhirGateway,
  shape: Extract<TaskShape, { kind: 'referral' }>,
  serviceOrg: string,
): Promise<ReferralCheck> {
  const { referral, included } = await referralWithPerformers(gateway, shape.referralRef);
  const problem = referralProblem(shape, referral, serviceOrg, included);
  if (problem !== undefined || referral === undefined) {
    return { problem: problem ?? 'The Referral was not found.' };
  }
  const consentRef = consentRefOf(referral);
  const consent = consentRef === undefined ? undefined : await readConsent(gateway, consentRef);
  if (consent === undefined) return { consent: NO_CONSENT, referral };
  const wrongPatient = consentProblem(consent, shape.patientRef);
  if (wrongPatient !== undefined) return { problem: wrongPatient };
  return { consent: consentFacts(consent, serviceOrg, shape.patientRef), referral };
}
