import { randomUUID } from 'node:crypto';
import { referralTransaction } from '@linkwell/smart-app';
import type { Bundle, BundleEntry, FhirResource } from 'fhir/r4';
import { buildConsent, buildReferral, buildReferralTask } from '@linkwell/profiles';

export interface ReferralIds {
  patient: string;
  gp: string;
  service: string;
  identifier: string;
  /** The GP form's "write goals and outcomes back" box (ticked unless false). */
  writeBack?: boolean;
  /** The GP form's separate research box (unticked unless true). */
  research?: boolean;
}

/** The support resources a referral points at, PUT with fixed ids (HAPI directly, no sandbox seed). */
export function supportBundle(
  ids: Omit<ReferralIds, 'identifier'>,
  communityService: string,
): Bundle {
  const put = (resource: { resourceType: string; id: string } & Record<string, unknown>) => ({
    resource,
    request: { method: 'PUT' as const, url: `${resource.resourceType}/${resource.id}` },
  });
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      put({ resourceType: 'Patient', id: ids.patient, name: [{ family: 'Test' }] }),
      put({ resourceType: 'Practitioner', id: ids.gp, name: [{ family: 'GP' }] }),
      put({ resourceType: 'Organization', id: ids.service, name: 'Link workers' }),
      put({ resourceType: 'Practitioner', id: `${ids.service}-lw`, name: [{ family: 'Worker' }] }),
      put({
        resourceType: 'HealthcareService',
        id: communityService,
        name: 'Walking group',
        active: true,
      }),
    ] as Bundle['entry'],
  };
}

/**
 * The referral exactly as the GP app writes it (its own builder): one transaction of Consent +
 * ServiceRequest + Task, each a conditional create on the referral's business identifier.
 */
export function gpReferralTransaction(ids: ReferralIds): Bundle {
  return referralTransaction({
    referralId: ids.identifier,
    patientId: ids.patient,
    requester: `Practitioner/${ids.gp}`,
    now: '2025-03-01T09:30:00Z',
    newUuid: randomUUID,
    draft: {
      needs: ['social-isolation'],
      otherNeeds: '',
      whatMatters: '',
      priority: 'routine',
      consentToShare: true,
      consentToWriteBack: ids.writeBack ?? true,
      consentToResearch: ids.research ?? false,
      contactPreferences: [],
      service: `Organization/${ids.service}`,
    },
  });
}

export interface ReferralVariant {
  readonly patient: string;
  readonly gp: string;
  readonly service: string;
  /** The Referral's performer; the service's Organization when absent. */
  readonly performer?: `Organization/${string}` | `HealthcareService/${string}`;
  /** What the patient agreed to; no Consent at all when absent. */
  readonly permits?: readonly ('share-referral' | 'write-back-outcomes')[];
  /** The Consent's patient, when a test wants it to be someone else. */
  readonly consentPatient?: string;
  /** Strip the Referral's profile and code (a ServiceRequest that is no referral). */
  readonly notAReferral?: boolean;
}

/** A referral transaction like the GP app's, with the parts a test wants to get wrong. */
export function referralVariant(v: ReferralVariant): Bundle {
  const [consentUrn, referralUrn, taskUrn] = [randomUUID(), randomUUID(), randomUUID()].map(
    (u): `urn:uuid:${string}` => `urn:uuid:${u}`,
  ) as [`urn:uuid:${string}`, `urn:uuid:${string}`, `urn:uuid:${string}`];
  const when = '2025-03-01T09:30:00Z';
  const referral = buildReferral({
    identifier: randomUUID(),
    patient: `Patient/${v.patient}`,
    requester: `Practitioner/${v.gp}`,
    performer: v.performer ?? `Organization/${v.service}`,
    authoredOn: when,
    needs: ['social-isolation'],
    ...(v.permits === undefined ? {} : { consent: consentUrn }),
  });
  const entry = (fullUrl: string, resource: FhirResource): BundleEntry => ({
    fullUrl,
    resource,
    request: { method: 'POST', url: resource.resourceType },
  });
  const consent =
    v.permits === undefined
      ? []
      : [
          entry(
            consentUrn,
            buildConsent({
              patient: `Patient/${v.consentPatient ?? v.patient}`,
              dateTime: when,
              linkWorkerService: `Organization/${v.service}`,
              permits: v.permits,
              recordedBy: { reference: `Practitioner/${v.gp}`, display: 'Dr Test GP' },
            }),
          ),
        ];
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      ...consent,
      entry(
        referralUrn,
        v.notAReferral === true
          ? { ...referral, meta: {}, code: { text: 'Physiotherapy' } }
          : referral,
      ),
      entry(
        taskUrn,
        buildReferralTask({
          referral: referralUrn,
          patient: `Patient/${v.patient}`,
          requester: `Practitioner/${v.gp}`,
          owner: `Organization/${v.service}`,
          authoredOn: when,
        }),
      ),
    ],
  };
}

/** The `Type/id` a transaction response gave the entry of that type. */
export function createdRef(response: Bundle, type: string): string | undefined {
  for (const entry of response.entry ?? []) {
    const match = new RegExp(`(${type}/[^/]+)`).exec(entry.response?.location ?? '');
    if (match?.[1] !== undefined) return match[1];
  }
  return undefined;
}
