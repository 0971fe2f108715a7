import type { Bundle, BundleEntry, Consent, FhirResource, ServiceRequest, Task } from 'fhir/r4';
import { RISK_URLS, buildRiskFlag, type CommunicationNeeds } from '@linkwell/profiles';
import {
  LINKWELL_BASE,
  LINKWELL_IDENTIFIER_SYSTEMS,
  buildConsent,
  buildReferral,
  buildReferralTask,
  type ConsentPermission,
  type NamedReference,
  type ReferenceTo,
  type Requester,
} from '@linkwell/profiles';
import { NO_COMMUNICATION_NEEDS, noteOf, type ReferralDraft } from './draft';

/** The Consent carries the referral's business id under its own system, for conditional create. */
export const CONSENT_IDENTIFIER_SYSTEM = `${LINKWELL_BASE}/sid/referral-consent`;

export interface ReferralTransactionInput {
  /** The referral's business identifier: the same on every retry of one referral. */
  readonly referralId: string;
  readonly patientId: string;
  readonly requester: Requester;
  /** Who recorded the patient's consent: the GP making the referral. */
  readonly recordedBy?: NamedReference;
  readonly draft: ReferralDraft;
  /** Now, as a FHIR dateTime. */
  readonly now: string;
  /** Makes the urn:uuid placeholders; crypto.randomUUID in the browser. */
  readonly newUuid: () => string;
}

function conditionalCreate(
  fullUrl: string,
  resource: FhirResource,
  ifNoneExist: string,
): BundleEntry {
  return {
    fullUrl,
    resource,
    request: { method: 'POST', url: resource.resourceType, ifNoneExist },
  };
}

/**
 * Consent + Referral + Task (+ risk Flags) as ONE transaction. Each is a conditional create on the referral's
 * business identifier, so a double click or a retry finds the first referral instead of adding one.
 */
export function referralTransaction(input: ReferralTransactionInput): Bundle {
  const { draft, referralId } = input;
  const patient: ReferenceTo<'Patient'> = `Patient/${input.patientId}`;
  const service = draft.service as ReferenceTo<'Organization'>;
  const [consentUrn, referralUrn, taskUrn] = [
    input.newUuid(),
    input.newUuid(),
    input.newUuid(),
  ].map((uuid): `urn:uuid:${string}` => `urn:uuid:${uuid}`) as [
    `urn:uuid:${string}`,
    `urn:uuid:${string}`,
    `urn:uuid:${string}`,
  ];
  const permits: ConsentPermission[] = draft.consentToWriteBack
    ? ['share-referral', 'write-back-outcomes']
    : ['share-referral'];
  const consent: Consent = {
    ...buildConsent({
      patient,
      dateTime: input.now,
      linkWorkerService: service,
      permits,
      research: draft.consentToResearch === true,
      ...(input.recordedBy === undefined ? {} : { recordedBy: input.recordedBy }),
    }),
    identifier: [{ system: CONSENT_IDENTIFIER_SYSTEM, value: referralId }],
  };
  const note = noteOf(draft);
  const risks = (draft.risks ?? []).map((risk) => {
    const urn: `urn:uuid:${string}` = `urn:uuid:${input.newUuid()}`;
    const identifier = `${referralId}.${risk.type}`;
    const flag = buildRiskFlag({
      identifier,
      patient,
      author: input.requester,
      type: risk.type,
      detail: risk.detail,
      start: input.now,
    });
    const ifNoneExist = `identifier=${encodeURIComponent(`${RISK_URLS.riskFlagIdentifier}|${identifier}`)}`;
    return { urn, entry: conditionalCreate(urn, flag, ifNoneExist) };
  });
  const communication = communicationOf(draft);
  const referral: ServiceRequest = buildReferral({
    identifier: referralId,
    patient,
    requester: input.requester,
    performer: service,
    authoredOn: input.now,
    needs: draft.needs,
    priority: draft.priority,
    consent: consentUrn,
    contactPreferences: draft.contactPreferences,
    ...(communication === undefined ? {} : { communicationNeeds: communication }),
    ...(risks.length === 0 ? {} : { riskFlags: risks.map((r) => r.urn) }),
    ...(note === undefined ? {} : { note }),
  });
  const task: Task = buildReferralTask({
    identifier: referralId,
    referral: referralUrn,
    patient,
    requester: input.requester,
    owner: service,
    authoredOn: input.now,
  });
  const byReferralId = `identifier=${encodeURIComponent(`${LINKWELL_IDENTIFIER_SYSTEMS.referral}|${referralId}`)}`;
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      conditionalCreate(
        consentUrn,
        consent,
        `identifier=${encodeURIComponent(`${CONSENT_IDENTIFIER_SYSTEM}|${referralId}`)}`,
      ),
      conditionalCreate(referralUrn, referral, byReferralId),
      conditionalCreate(taskUrn, task, byReferralId),
      // After the Task: readers of the response find the Referral second.
      ...risks.map((r) => r.entry),
    ],
  };
}

/** The draft's communication needs for the Referral, or undefined when the GP gave none. */
function communicationOf(draft: ReferralDraft): CommunicationNeeds | undefined {
  const c = draft.communication ?? NO_COMMUNICATION_NEEDS;
  const empty =
    c.language === '' &&
    !c.interpreterNeeded &&
    c.adjustments.length === 0 &&
    c.detail.trim() === '';
  if (empty) return undefined;
  return {
    ...(c.language === '' ? {} : { language: { code: c.language } }),
    interpreterNeeded: c.interpreterNeeded,
    adjustments: c.adjustments,
    ...(c.detail.trim() === '' ? {} : { detail: c.detail }),
  };
}
