import type {
  CodeableConcept,
  Consent,
  FhirResource,
  Goal,
  Observation,
  ServiceRequest,
  Task,
} from 'fhir/r4';
import { ONWARD_REFERRAL_CODE, PROFILE_URLS, REFERRAL_CODE } from './codes';
import { outcomeMeasureOf } from './outcome-measures';

// Guards accept a resource that claims the profile, or (where a code identifies it) carries the
// identifying code: EHRs often drop meta.profile when they store a resource.

function claims(resource: FhirResource, profile: string): boolean {
  return resource.meta?.profile?.includes(profile) ?? false;
}

function hasCoding(concept: CodeableConcept | undefined, system?: string, code?: string): boolean {
  return concept?.coding?.some((c) => c.system === system && c.code === code) ?? false;
}

export function isReferral(resource: FhirResource | undefined): resource is ServiceRequest {
  return (
    resource?.resourceType === 'ServiceRequest' &&
    (claims(resource, PROFILE_URLS.referral) ||
      hasCoding(resource.code, REFERRAL_CODE.system, REFERRAL_CODE.code))
  );
}

export function isOnwardReferral(resource: FhirResource | undefined): resource is ServiceRequest {
  return (
    resource?.resourceType === 'ServiceRequest' &&
    (claims(resource, PROFILE_URLS.onwardReferral) ||
      hasCoding(resource.code, ONWARD_REFERRAL_CODE.system, ONWARD_REFERRAL_CODE.code))
  );
}

export function isReferralTask(resource: FhirResource | undefined): resource is Task {
  return resource?.resourceType === 'Task' && claims(resource, PROFILE_URLS.referralTask);
}

export function isLinkwellGoal(resource: FhirResource | undefined): resource is Goal {
  return resource?.resourceType === 'Goal' && claims(resource, PROFILE_URLS.goal);
}

export function isLinkwellConsent(resource: FhirResource | undefined): resource is Consent {
  return resource?.resourceType === 'Consent' && claims(resource, PROFILE_URLS.consent);
}

export function isOutcomeObservation(resource: FhirResource | undefined): resource is Observation {
  return (
    resource?.resourceType === 'Observation' &&
    (claims(resource, PROFILE_URLS.outcomeObservation) ||
      (resource.code.coding ?? []).some((c) => outcomeMeasureOf(c) !== undefined))
  );
}
