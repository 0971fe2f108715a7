import type { Consent } from 'fhir/r4';
import { PROFILE_URLS } from './codes';
import { ProfileInputError } from './errors';
import { referenceTo, type ReferenceTo } from './references';
import { requireDate, requireDateTime, requireNonEmpty, requireOneOf } from './validation';

/** What the patient agrees to: share the referral, and/or let outcomes be written back. */
export type ConsentPermission = 'share-referral' | 'write-back-outcomes';
const ACTIONS: Record<ConsentPermission, { code: string; display: string; text: string }> = {
  'share-referral': {
    code: 'disclose',
    display: 'Disclose',
    text: 'Share the referral with the link-worker service',
  },
  'write-back-outcomes': {
    code: 'collect',
    display: 'Collect',
    text: 'Write goals and outcomes back to the GP record',
  },
};
type ConsentStatus = Consent['status'];
const STATUSES: readonly ConsentStatus[] = [
  'draft',
  'proposed',
  'active',
  'rejected',
  'inactive',
  'entered-in-error',
];

export interface ConsentInput {
  readonly patient: ReferenceTo<'Patient'>;
  readonly dateTime: string;
  /** The link-worker service's Organization (Consent actors cannot be HealthcareServices). */
  readonly linkWorkerService: ReferenceTo<'Organization'>;
  readonly permits: readonly ConsentPermission[];
  /** The practice holding the consent. */
  readonly organization?: ReferenceTo<'Organization'>;
  readonly status?: ConsentStatus;
  readonly from?: string;
}

/** The patient's opt-in consent for social prescribing (profile linkwell-consent). */
export function buildConsent(input: ConsentInput): Consent {
  const permits = requireNonEmpty('permits', input.permits).map((p, i) =>
    requireOneOf(`permits[${i}]`, p, Object.keys(ACTIONS) as ConsentPermission[]),
  );
  if (new Set(permits).size !== permits.length) {
    throw new ProfileInputError('permits', 'lists the same permission twice');
  }
  const patient = referenceTo('patient', input.patient, ['Patient']);
  return {
    resourceType: 'Consent',
    meta: { profile: [PROFILE_URLS.consent] },
    status: requireOneOf('status', input.status ?? 'active', STATUSES),
    scope: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/consentscope',
          code: 'patient-privacy',
          display: 'Privacy Consent',
        },
      ],
    },
    category: [
      { coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }] },
    ],
    patient,
    dateTime: requireDateTime('dateTime', input.dateTime),
    performer: [patient],
    ...(input.organization === undefined
      ? {}
      : { organization: [referenceTo('organization', input.organization, ['Organization'])] }),
    policyRule: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
          code: 'OPTIN',
          display: 'opt-in',
        },
      ],
    },
    provision: {
      type: 'permit',
      ...(input.from === undefined ? {} : { period: { start: requireDate('from', input.from) } }),
      actor: [
        {
          role: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
                code: 'IRCP',
                display: 'information recipient',
              },
            ],
          },
          reference: referenceTo('linkWorkerService', input.linkWorkerService, ['Organization']),
        },
      ],
      action: permits.map((p) => ({
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/consentaction',
            code: ACTIONS[p].code,
            display: ACTIONS[p].display,
          },
        ],
        text: ACTIONS[p].text,
      })),
    },
  };
}
