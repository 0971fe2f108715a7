import type { Consent, FhirResource, HealthcareService, ServiceRequest, Task } from 'fhir/r4';
import { consentState, isReferral } from '@linkwell/profiles';
import type { ConsentFacts } from '../store/consent-store';

// What ingest checks before a Task becomes a case. Pure: the FHIR reads happen in inbound.ts.
// Reasons name resource types and ids only: they are shown to the service and never carry
// anything about a patient.

const LOCAL_REF =
  /^(Patient|ServiceRequest|Consent|Organization|HealthcareService)\/[A-Za-z0-9\-.]{1,64}$/;

/** A relative literal reference of the given type, or undefined. */
export function localRef<T extends string>(
  reference: string | undefined,
  type: T,
): `${T}/${string}` | undefined {
  return reference !== undefined && LOCAL_REF.test(reference) && reference.startsWith(`${type}/`)
    ? (reference as `${T}/${string}`)
    : undefined;
}

export type TaskShape =
  | { readonly kind: 'not-ours' }
  | { readonly kind: 'held'; readonly reason: string }
  | {
      readonly kind: 'referral';
      readonly referralRef: `ServiceRequest/${string}`;
      readonly patientRef: `Patient/${string}`;
    };

/**
 * The Task's own claims: owned by this service (otherwise it is none of ours and is ignored), with
 * a focus Referral and a for Patient as relative references (otherwise it is held).
 */
export function taskShape(task: Task, serviceOrg: string): TaskShape {
  if (task.owner?.reference !== `Organization/${serviceOrg}`) return { kind: 'not-ours' };
  const referralRef = localRef(task.focus?.reference, 'ServiceRequest');
  if (referralRef === undefined) {
    return { kind: 'held', reason: 'Task.focus is not a reference to a ServiceRequest.' };
  }
  const patientRef = localRef(task.for?.reference, 'Patient');
  if (patientRef === undefined) {
    return { kind: 'held', reason: 'Task.for is not a reference to a Patient.' };
  }
  return { kind: 'referral', referralRef, patientRef };
}

/** Is `performer` this service: its Organization, or one of its HealthcareServices? */
function performedBy(
  reference: string | undefined,
  serviceOrg: string,
  included: ReadonlyMap<string, FhirResource>,
): boolean {
  if (reference === `Organization/${serviceOrg}`) return true;
  const service = localRef(reference, 'HealthcareService');
  if (service === undefined) return false;
  const found = included.get(service) as HealthcareService | undefined;
  return found?.providedBy?.reference === `Organization/${serviceOrg}`;
}

/**
 * Why the Task's focus cannot make a case for this service, or undefined when it can: it must be a
 * Linkwell Referral for the same patient as Task.for, addressed to this service.
 * `included` holds the performers the search returned (`Type/id` keys).
 */
export function referralProblem(
  shape: Extract<TaskShape, { kind: 'referral' }>,
  referral: ServiceRequest | undefined,
  serviceOrg: string,
  included: ReadonlyMap<string, FhirResource> = new Map(),
): string | undefined {
  const { referralRef } = shape;
  if (referral === undefined) return `The Task's focus ${referralRef} was not found.`;
  if (!isReferral(referral)) {
    return `The Task's focus ${referralRef} is not a social prescribing Referral.`;
  }
  if (referral.subject.reference !== shape.patientRef) {
    return `The Referral ${referralRef} is for a different patient than the Task.`;
  }
  if (!(referral.performer ?? []).some((p) => performedBy(p.reference, serviceOrg, included))) {
    return `The Referral ${referralRef} is addressed to another service.`;
  }
  return undefined;
}

/** The `Consent/<id>` the Referral points at (ServiceRequest.supportingInfo), if any. */
export function consentRefOf(referral: ServiceRequest): `Consent/${string}` | undefined {
  for (const info of referral.supportingInfo ?? []) {
    const ref = localRef(info.reference, 'Consent');
    if (ref !== undefined) return ref;
  }
  return undefined;
}

/** Why the Referral's Consent cannot stand for this Task's patient, or undefined. */
export function consentProblem(consent: Consent, patientRef: string): string | undefined {
  return consent.patient?.reference === patientRef
    ? undefined
    : `The Referral's Consent/${consent.id ?? '?'} is for a different patient than the Task.`;
}

/** No Consent came with the referral: nothing is shared back beyond the referral's status. */
export const NO_CONSENT: ConsentFacts = {
  consentRef: undefined,
  versionId: undefined,
  status: 'not-recorded',
  shareWithService: false,
  writeBack: false,
  recordedAt: undefined,
  recordedBy: undefined,
  withdrawnAt: undefined,
  withdrawnBy: undefined,
  research: false,
};

/**
 * What a Consent lets this service do for a case's patient. A Consent for another patient, or one
 * whose permit names another recipient, grants nothing.
 */
export function consentFacts(
  consent: Consent,
  serviceOrg: string,
  patientRef: string,
): ConsentFacts {
  const state = consentState(consent);
  const forUs =
    consent.patient?.reference === patientRef &&
    (consent.provision?.actor ?? []).some(
      (actor) => actor.reference.reference === `Organization/${serviceOrg}`,
    );
  return {
    consentRef: consent.id === undefined ? undefined : `Consent/${consent.id}`,
    versionId: consent.meta?.versionId,
    status: state.status,
    shareWithService: forUs && state.shareWithService,
    writeBack: forUs && state.writeBack,
    recordedAt: state.recordedAt,
    recordedBy: state.recordedBy,
    withdrawnAt: state.withdrawnAt,
    withdrawnBy: state.withdrawnBy,
    research: forUs && state.research,
  };
}
