import type { FhirResource, Reference } from 'fhir/r4';

/**
 * The R4 Patient compartment (http://hl7.org/fhir/R4/compartmentdefinition-patient.html) as the
 * element paths that point at the patient, for the resource types Linkwell and its EHR hosts use.
 * Types absent here are outside the compartment, so `patient/` scopes never reach them.
 * One extension: R4 leaves Task out; we include it by `Task.for`, as the GP app writes the
 * referral's Task with `patient/` scopes (R5 puts Task in the compartment the same way).
 */
const PATIENT_COMPARTMENT: Readonly<Record<string, readonly string[]>> = {
  Account: ['subject'],
  AdverseEvent: ['subject'],
  AllergyIntolerance: ['patient', 'recorder', 'asserter'],
  Appointment: ['participant.actor'],
  AppointmentResponse: ['actor'],
  Basic: ['subject', 'author'],
  CarePlan: ['subject', 'activity.detail.performer'],
  CareTeam: ['subject', 'participant.member'],
  ClinicalImpression: ['subject'],
  Communication: ['subject', 'sender', 'recipient'],
  CommunicationRequest: ['subject', 'sender', 'recipient', 'requester'],
  Composition: ['subject', 'author', 'attester.party'],
  Condition: ['subject', 'asserter'],
  Consent: ['patient'],
  Coverage: ['policyHolder', 'subscriber', 'beneficiary', 'payor'],
  DetectedIssue: ['patient'],
  DeviceRequest: ['subject', 'performer'],
  DeviceUseStatement: ['subject'],
  DiagnosticReport: ['subject'],
  DocumentReference: ['subject', 'author'],
  Encounter: ['subject'],
  EpisodeOfCare: ['patient'],
  ExplanationOfBenefit: ['patient', 'payee.party'],
  FamilyMemberHistory: ['patient'],
  Flag: ['subject'],
  Goal: ['subject'],
  ImagingStudy: ['subject'],
  Immunization: ['patient'],
  List: ['subject', 'source'],
  Media: ['subject'],
  MedicationAdministration: ['subject', 'performer.actor'],
  MedicationDispense: ['subject', 'receiver'],
  MedicationRequest: ['subject'],
  MedicationStatement: ['subject'],
  NutritionOrder: ['patient'],
  Observation: ['subject', 'performer'],
  Patient: ['link.other'],
  Procedure: ['subject', 'performer.actor'],
  Provenance: ['target', 'agent.who'],
  QuestionnaireResponse: ['subject', 'author'],
  RelatedPerson: ['patient'],
  RiskAssessment: ['subject'],
  ServiceRequest: ['subject', 'performer'],
  Specimen: ['subject'],
  Task: ['for'],
};

export function inPatientCompartmentTypes(resourceType: string): boolean {
  return resourceType in PATIENT_COMPARTMENT;
}

function valuesAt(node: unknown, path: readonly string[]): unknown[] {
  if (Array.isArray(node)) return node.flatMap((item) => valuesAt(item, path));
  if (path.length === 0) return [node];
  if (typeof node !== 'object' || node === null) return [];
  const [head, ...rest] = path;
  return valuesAt((node as Record<string, unknown>)[head ?? ''], rest);
}

/**
 * True when a reference points at `Patient/<patientId>` (relative, optionally versioned): how HAPI
 * stores a local reference. An absolute URL names another server's patient, never ours.
 */
export function refersToPatient(reference: Reference | undefined, patientId: string): boolean {
  const value = reference?.reference;
  if (value === undefined) return false;
  const path = value.split('/_history/')[0] ?? '';
  return path === `Patient/${patientId}`;
}

/** True when the resource is the patient or belongs to the patient's compartment. */
export function inPatientCompartment(resource: FhirResource, patientId: string): boolean {
  if (resource.resourceType === 'Patient' && resource.id === patientId) return true;
  const paths = PATIENT_COMPARTMENT[resource.resourceType] ?? [];
  return paths.some((path) =>
    valuesAt(resource, path.split('.')).some((value) =>
      refersToPatient(value as Reference, patientId),
    ),
  );
}

/**
 * The one element that says whose record a resource is in (R4), for the types a `patient/` token
 * may search or write. A write must name the launch patient there, whatever its other compartment
 * elements (performer, asserter …) say; a type absent here cannot be searched or written.
 */
const PRIMARY_PATIENT: Readonly<Record<string, string>> = {
  AllergyIntolerance: 'patient',
  CarePlan: 'subject',
  CareTeam: 'subject',
  ClinicalImpression: 'subject',
  Communication: 'subject',
  CommunicationRequest: 'subject',
  Composition: 'subject',
  Condition: 'subject',
  Consent: 'patient',
  Coverage: 'beneficiary',
  DetectedIssue: 'patient',
  DeviceRequest: 'subject',
  DeviceUseStatement: 'subject',
  DiagnosticReport: 'subject',
  DocumentReference: 'subject',
  Encounter: 'subject',
  EpisodeOfCare: 'patient',
  FamilyMemberHistory: 'patient',
  Flag: 'subject',
  Goal: 'subject',
  ImagingStudy: 'subject',
  Immunization: 'patient',
  List: 'subject',
  Media: 'subject',
  MedicationAdministration: 'subject',
  MedicationDispense: 'subject',
  MedicationRequest: 'subject',
  MedicationStatement: 'subject',
  NutritionOrder: 'patient',
  Observation: 'subject',
  Procedure: 'subject',
  QuestionnaireResponse: 'subject',
  RelatedPerson: 'patient',
  RiskAssessment: 'subject',
  ServiceRequest: 'subject',
  Specimen: 'subject',
  Task: 'for',
};

/** The element naming the patient whose record a resource of this type is in. */
export function primaryPatientElement(resourceType: string): string | undefined {
  return PRIMARY_PATIENT[resourceType];
}

/** True when the type has a primary patient element (or is Patient itself). */
export function hasPrimaryPatient(resourceType: string): boolean {
  return resourceType === 'Patient' || resourceType in PRIMARY_PATIENT;
}

/**
 * True when the resource's primary patient element is exactly one relative `Patient/<id>`
 * reference to the patient (Patient: the resource is that patient).
 */
export function primaryPatientIs(resource: FhirResource, patientId: string): boolean {
  if (resource.resourceType === 'Patient') return resource.id === patientId;
  const element = PRIMARY_PATIENT[resource.resourceType];
  if (element === undefined) return false;
  const value = (resource as unknown as Record<string, unknown>)[element];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return (value as Reference).reference === `Patient/${patientId}`;
}
