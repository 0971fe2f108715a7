import { randomUUID } from 'node:crypto';
import type { Bundle, BundleEntry, Consent, FhirResource, ServiceRequest, Task } from 'fhir/r4';
import { REFERRAL_SOURCES, type ReferralSource } from '@linkwell/contracts';
import {
  LINKWELL_BASE,
  LINKWELL_IDENTIFIER_SYSTEMS,
  buildConsent,
  buildReferral,
  buildReferralTask,
  type ConsentPermission,
  type NamedReference,
  type ReferralNeed,
} from '@linkwell/profiles';

/** The Consent carries the intake's id under the same system the GP app uses for its referrals. */
export const CONSENT_IDENTIFIER_SYSTEM = `${LINKWELL_BASE}/sid/referral-consent`;

export interface IntakeTransactionInput {
  /** The intake's business identifier: the same on a retry, so nothing is written twice. */
  readonly intakeId: string;
  readonly patientRef: `Patient/${string}`;
  /** The link-worker service's Organization id. */
  readonly serviceOrg: string;
  readonly source: ReferralSource;
  readonly needs: readonly ReferralNeed[];
  readonly writeBack: boolean;
  /** The person also agreed to de-identified use for research (the Consent's nested permit). */
  readonly research?: boolean;
  /** The link worker who recorded what the person agreed to. */
  readonly recordedBy: NamedReference;
  readonly now: string;
}

const entry = (fullUrl: string, resource: FhirResource, ifNoneExist: string): BundleEntry => ({
  fullUrl,
  resource,
  request: { method: 'POST', url: resource.resourceType, ifNoneExist },
});

/**
 * Consent + Referral + Task for a referral the service took itself (a self-referral, or one from
 * social care, housing, the voluntary sector or another clinician), as ONE transaction of
 * conditional creates, shaped as a GP's referral is, so ingest and write-back treat it the same.
 * The requester is the service's Organization (what the profiles allow: the referrer is usually
 * the person or someone with no record on the EHR); the Referral's note names the kind of source.
 * Who referred, their organisation and contact stay in the service's store.
 */
export function intakeTransaction(input: IntakeTransactionInput): Bundle {
  const service = `Organization/${input.serviceOrg}` as const;
  const [consentUrn, referralUrn, taskUrn] = [randomUUID(), randomUUID(), randomUUID()].map(
    (uuid): `urn:uuid:${string}` => `urn:uuid:${uuid}`,
  ) as [`urn:uuid:${string}`, `urn:uuid:${string}`, `urn:uuid:${string}`];
  const permits: ConsentPermission[] = input.writeBack
    ? ['share-referral', 'write-back-outcomes']
    : ['share-referral'];
  const consent: Consent = {
    ...buildConsent({
      patient: input.patientRef,
      dateTime: input.now,
      linkWorkerService: service,
      organization: service,
      permits,
      recordedBy: input.recordedBy,
      research: input.research === true,
    }),
    identifier: [{ system: CONSENT_IDENTIFIER_SYSTEM, value: input.intakeId }],
  };
  const referral: ServiceRequest = buildReferral({
    identifier: input.intakeId,
    patient: input.patientRef,
    requester: service,
    performer: service,
    authoredOn: input.now,
    needs: input.needs,
    consent: consentUrn,
    note: `${REFERRAL_SOURCES[input.source]}, recorded by the link-worker service.`,
  });
  const task: Task = buildReferralTask({
    identifier: input.intakeId,
    referral: referralUrn,
    patient: input.patientRef,
    requester: service,
    owner: service,
    authoredOn: input.now,
  });
  const byId = (system: string) =>
    `identifier=${encodeURIComponent(`${system}|${input.intakeId}`)}`;
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      entry(consentUrn, consent, byId(CONSENT_IDENTIFIER_SYSTEM)),
      entry(referralUrn, referral, byId(LINKWELL_IDENTIFIER_SYSTEMS.referral)),
      entry(taskUrn, task, byId(LINKWELL_IDENTIFIER_SYSTEMS.referral)),
    ],
  };
}

/** The Task's id from the transaction's answer (the third entry's location). */
export function taskIdOf(response: Bundle): string | undefined {
  const location = response.entry?.[2]?.response?.location ?? '';
  return /^Task\/([A-Za-z0-9\-.]{1,64})/.exec(location)?.[1];
}
