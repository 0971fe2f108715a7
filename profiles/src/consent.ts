import type { Consent, ConsentProvision, Extension } from 'fhir/r4';
import { EXTENSION_URLS, PROFILE_URLS } from './codes';
import { ProfileInputError } from './errors';
import { referenceTo, type ReferenceTo } from './references';
import { namedReference, type NamedReference } from './status-history';
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
  /** Who recorded the consent (extension linkwell-recorded-by), usually the referring GP. */
  readonly recordedBy?: NamedReference;
  /**
   * The person also agrees to their de-identified information being used for research and
   * service evaluation: a nested provision (permit, purpose HRESCH). Absent or false: no such use.
   */
  readonly research?: boolean;
}

/** The standard purpose of use for research (HL7 v3 ActReason, in FHIR R4's GeneralPurposeOfUse). */
export const RESEARCH_PURPOSE = {
  system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
  code: 'HRESCH',
  display: 'healthcare research',
} as const;

/** The nested provision that permits research use of de-identified information. */
export function researchProvision(): ConsentProvision {
  return {
    type: 'permit',
    purpose: [{ ...RESEARCH_PURPOSE }],
    action: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/consentaction',
            code: 'use',
            display: 'Use',
          },
        ],
        text: 'Use de-identified information for research and service evaluation',
      },
    ],
  };
}

const isAboutResearch = (provision: ConsentProvision): boolean =>
  (provision.purpose ?? []).some(
    (p) => p.system === RESEARCH_PURPOSE.system && p.code === RESEARCH_PURPOSE.code,
  );
const isResearchProvision = (provision: ConsentProvision): boolean =>
  provision.type === 'permit' && isAboutResearch(provision);

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
    ...(input.recordedBy === undefined
      ? {}
      : {
          extension: [
            {
              url: EXTENSION_URLS.recordedBy,
              valueReference: namedReference('recordedBy', input.recordedBy),
            },
          ],
        }),
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
      ...(input.research === true ? { provision: [researchProvision()] } : {}),
    },
  };
}

/** What a Consent says, as the apps show it and the adapter enforces it. */
export interface ConsentState {
  readonly status: ConsentStatus;
  readonly shareWithService: boolean;
  readonly writeBack: boolean;
  /** Research and service evaluation on de-identified information (see researchPermitted). */
  readonly research: boolean;
  readonly recordedAt: string | undefined;
  readonly recordedBy: string | undefined;
  readonly withdrawnAt: string | undefined;
  readonly withdrawnBy: string | undefined;
}

const extensionOf = (consent: Consent, url: string): Extension | undefined =>
  consent.extension?.find((e) => e.url === url);

/** Reads a Linkwell Consent: a permit counts only while the Consent is active and not withdrawn. */
export function consentState(consent: Consent): ConsentState {
  const provision = consent.provision;
  const permits = new Set(
    provision?.type === 'deny'
      ? []
      : (provision?.action ?? []).flatMap((a) => (a.coding ?? []).map((c) => c.code)),
  );
  const withdrawal = extensionOf(consent, EXTENSION_URLS.consentWithdrawal);
  const withdrawnAt =
    withdrawal?.extension?.find((e) => e.url === 'date')?.valueDateTime ??
    (consent.status === 'inactive' ? provision?.period?.end : undefined);
  const live = consent.status === 'active' && withdrawnAt === undefined;
  return {
    status: consent.status,
    shareWithService: live && permits.has(ACTIONS['share-referral'].code),
    writeBack: live && permits.has(ACTIONS['write-back-outcomes'].code),
    research:
      live && provision?.type === 'permit' && (provision.provision ?? []).some(isResearchProvision),
    recordedAt: consent.dateTime,
    recordedBy: extensionOf(consent, EXTENSION_URLS.recordedBy)?.valueReference?.display,
    withdrawnAt,
    withdrawnBy: withdrawal?.extension?.find((e) => e.url === 'by')?.valueReference?.display,
  };
}

/**
 * Whether the Consent lets the person's de-identified information be used for research and
 * service evaluation: an active, not withdrawn permit holding the nested research provision.
 * Withdrawing the consent to share withdraws this too.
 */
export function researchPermitted(consent: Consent): boolean {
  return consentState(consent).research;
}

/**
 * The same Consent with the research permission given (the nested permit added) or taken back
 * (any nested provision about research removed); the rest of the Consent is unchanged. Research
 * cannot be given on a Consent that is not active or was withdrawn.
 */
export function withResearchPermission(consent: Consent, permitted: boolean): Consent {
  const state = consentState(consent);
  if (permitted && (state.status !== 'active' || state.withdrawnAt !== undefined)) {
    throw new ProfileInputError('research', 'cannot be permitted on a consent not in force');
  }
  const { provision: nested, ...top } = consent.provision ?? { type: 'permit' as const };
  const others = (nested ?? []).filter((p) => !isAboutResearch(p));
  const provisions = permitted ? [...others, researchProvision()] : others;
  return {
    ...consent,
    provision: provisions.length === 0 ? top : { ...top, provision: provisions },
  };
}

/**
 * The same Consent, withdrawn: status inactive, the permit ended at `date`, and who recorded it.
 * Nothing already written under the consent is deleted; it only stops further sharing.
 */
export function withdrawConsent(
  consent: Consent,
  withdrawal: { readonly date: string; readonly by: NamedReference },
): Consent {
  const date = requireDateTime('date', withdrawal.date);
  const extension: Extension = {
    url: EXTENSION_URLS.consentWithdrawal,
    extension: [
      { url: 'date', valueDateTime: date },
      { url: 'by', valueReference: namedReference('by', withdrawal.by) },
    ],
  };
  const others = (consent.extension ?? []).filter(
    (e) => e.url !== EXTENSION_URLS.consentWithdrawal,
  );
  const provision = consent.provision ?? { type: 'permit' as const };
  return {
    ...consent,
    extension: [...others, extension],
    status: 'inactive',
    provision: { ...provision, period: { ...provision.period, end: date } },
  };
}
