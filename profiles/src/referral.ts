import type { Annotation, Coding, Extension, ServiceRequest } from 'fhir/r4';
import {
  EXTENSION_URLS,
  LINKWELL_CODE_SYSTEMS,
  LINKWELL_IDENTIFIER_SYSTEMS,
  ONWARD_REFERRAL_CODE,
  PROFILE_URLS,
  REFERRAL_CODE,
} from './codes';
import { businessIdentifier, type BusinessIdentifier } from './identifiers';
import { referenceTo, type ReferenceTo } from './references';
import {
  CONTACT_PREFERENCES,
  localCoding,
  REFERRAL_NEEDS,
  referralNeedCoding,
  type ContactPreference,
  type ReferralNeed,
} from './terminology';
import { requireDateTime, requireNonEmpty, requireOneOf } from './validation';
import { communicationNeedsExtension, type CommunicationNeeds } from './risk';

type RequestStatus = NonNullable<ServiceRequest['status']>;
type RequestPriority = NonNullable<ServiceRequest['priority']>;
const REQUEST_STATUSES: readonly RequestStatus[] = [
  'draft',
  'active',
  'on-hold',
  'revoked',
  'completed',
  'entered-in-error',
  'unknown',
];
const PRIORITIES: readonly RequestPriority[] = ['routine', 'urgent', 'asap', 'stat'];
const NEEDS_FIELD = 'needs';

export type Requester = ReferenceTo<'Practitioner' | 'PractitionerRole' | 'Organization'>;

export interface ReferralInput {
  /** Business identifier; the app's conditional create matches on it. */
  readonly identifier: BusinessIdentifier;
  readonly patient: ReferenceTo<'Patient'>;
  readonly requester: Requester;
  /** The link-worker service. */
  readonly performer: ReferenceTo<'Organization' | 'HealthcareService'>;
  readonly authoredOn: string;
  readonly needs: readonly ReferralNeed[];
  readonly status?: RequestStatus;
  readonly priority?: RequestPriority;
  readonly note?: string;
  /** The patient's Consent (see buildConsent). */
  readonly consent?: ReferenceTo<'Consent'>;
  /** Most preferred first. */
  readonly contactPreferences?: readonly ContactPreference[];
  /** Language, interpreter and adjustments (extension linkwell-communication-needs). */
  readonly communicationNeeds?: CommunicationNeeds;
  /** Risk Flags sent with the referral (see buildRiskFlag), after the Consent in supportingInfo. */
  readonly riskFlags?: readonly ReferenceTo<'Flag'>[];
}

function notes(text: string | undefined): Annotation[] | undefined {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? undefined : [{ text: trimmed }];
}

function contactPreferenceExtensions(
  preferences: readonly ContactPreference[],
): Extension[] | undefined {
  if (preferences.length === 0) return undefined;
  return preferences.map((preference, i) => {
    requireOneOf(
      `contactPreferences[${i}]`,
      preference,
      Object.keys(CONTACT_PREFERENCES) as ContactPreference[],
    );
    return {
      url: EXTENSION_URLS.contactPreference,
      valueCodeableConcept: {
        coding: [
          localCoding(LINKWELL_CODE_SYSTEMS.contactPreferences, CONTACT_PREFERENCES, preference),
        ],
      },
    };
  });
}

/** A GP's referral to the link-worker service (profile linkwell-referral). */
export function buildReferral(input: ReferralInput): ServiceRequest {
  const needs = requireNonEmpty(NEEDS_FIELD, input.needs);
  const communication =
    input.communicationNeeds === undefined
      ? undefined
      : communicationNeedsExtension(input.communicationNeeds);
  const extensions = [
    ...(contactPreferenceExtensions(input.contactPreferences ?? []) ?? []),
    ...(communication === undefined ? [] : [communication]),
  ];
  const extension = extensions.length === 0 ? undefined : extensions;
  const supportingInfo = [
    ...(input.consent === undefined ? [] : [referenceTo('consent', input.consent, ['Consent'])]),
    ...(input.riskFlags ?? []).map((flag, i) => referenceTo(`riskFlags[${i}]`, flag, ['Flag'])),
  ];
  const note = notes(input.note);
  return {
    resourceType: 'ServiceRequest',
    meta: { profile: [PROFILE_URLS.referral] },
    ...(extension === undefined ? {} : { extension }),
    identifier: [
      businessIdentifier('identifier', input.identifier, LINKWELL_IDENTIFIER_SYSTEMS.referral),
    ],
    status: requireOneOf('status', input.status ?? 'active', REQUEST_STATUSES),
    intent: 'order',
    priority: requireOneOf('priority', input.priority ?? 'routine', PRIORITIES),
    code: { coding: [REFERRAL_CODE] },
    subject: referenceTo('patient', input.patient, ['Patient']),
    authoredOn: requireDateTime('authoredOn', input.authoredOn),
    requester: referenceTo('requester', input.requester, [
      'Practitioner',
      'PractitionerRole',
      'Organization',
    ]),
    performer: [referenceTo('performer', input.performer, ['Organization', 'HealthcareService'])],
    reasonCode: needs.map((need, i) => ({ coding: [needCoding(`${NEEDS_FIELD}[${i}]`, need)] })),
    ...(supportingInfo.length === 0 ? {} : { supportingInfo }),
    ...(note === undefined ? {} : { note }),
  };
}

function needCoding(field: string, need: ReferralNeed): Coding {
  return referralNeedCoding(requireOneOf(field, need, REFERRAL_NEEDS));
}

export interface OnwardReferralInput {
  readonly identifier: BusinessIdentifier;
  /** The original Linkwell Referral. */
  readonly referral: ReferenceTo<'ServiceRequest'>;
  readonly patient: ReferenceTo<'Patient'>;
  /** The link worker. */
  readonly requester: Requester;
  /** The community service from the directory. */
  readonly service: ReferenceTo<'HealthcareService'>;
  readonly serviceName?: string;
  readonly authoredOn: string;
  readonly needs?: readonly ReferralNeed[];
  readonly status?: RequestStatus;
  readonly note?: string;
}

/** A link worker's referral to a community service (profile linkwell-onward-referral). */
export function buildOnwardReferral(input: OnwardReferralInput): ServiceRequest {
  const note = notes(input.note);
  const needs = input.needs ?? [];
  const serviceName = input.serviceName?.trim();
  return {
    resourceType: 'ServiceRequest',
    meta: { profile: [PROFILE_URLS.onwardReferral] },
    identifier: [
      businessIdentifier(
        'identifier',
        input.identifier,
        LINKWELL_IDENTIFIER_SYSTEMS.onwardReferral,
      ),
    ],
    basedOn: [referenceTo('referral', input.referral, ['ServiceRequest'])],
    status: requireOneOf('status', input.status ?? 'active', REQUEST_STATUSES),
    intent: 'order',
    code: {
      coding: [ONWARD_REFERRAL_CODE],
      ...(serviceName === undefined || serviceName === '' ? {} : { text: serviceName }),
    },
    subject: referenceTo('patient', input.patient, ['Patient']),
    authoredOn: requireDateTime('authoredOn', input.authoredOn),
    requester: referenceTo('requester', input.requester, [
      'Practitioner',
      'PractitionerRole',
      'Organization',
    ]),
    performer: [referenceTo('service', input.service, ['HealthcareService'], serviceName)],
    ...(needs.length === 0
      ? {}
      : {
          reasonCode: needs.map((need, i) => ({ coding: [needCoding(`needs[${i}]`, need)] })),
        }),
    ...(note === undefined ? {} : { note }),
  };
}
