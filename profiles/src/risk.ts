import type { CodeableConcept, Extension, Flag, ServiceRequest } from 'fhir/r4';
import { LINKWELL_BASE } from './codes';
import { ProfileInputError } from './errors';
import { businessIdentifier, type BusinessIdentifier } from './identifiers';
import { referenceTo, type ReferenceTo } from './references';
import { localCoding } from './terminology';
import { requireDateTime, requireOneOf } from './validation';

// Risk and safeguarding (profile linkwell-risk-flag) and communication needs (extension
// linkwell-communication-needs on the Referral).

export const RISK_URLS = {
  riskFlag: `${LINKWELL_BASE}/StructureDefinition/linkwell-risk-flag`,
  communicationNeeds: `${LINKWELL_BASE}/StructureDefinition/linkwell-communication-needs`,
  riskTypes: `${LINKWELL_BASE}/CodeSystem/linkwell-risk-types`,
  communicationAdjustments: `${LINKWELL_BASE}/CodeSystem/linkwell-communication-adjustments`,
  /** Business identifiers of risk Flags (conditional create). */
  riskFlagIdentifier: `${LINKWELL_BASE}/sid/risk-flag`,
} as const;

export const FLAG_CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/flag-category';
export const LANGUAGE_SYSTEM = 'urn:ietf:bcp:47';

export const RISK_TYPES = {
  'lone-working': 'Lone-working risk',
  'safeguarding-adult': 'Safeguarding concern (adult)',
  'safeguarding-child': 'Safeguarding concern (child)',
  'other-agency': 'Other agencies involved',
  'other-risk': 'Other risk',
} as const;
export type RiskType = keyof typeof RISK_TYPES;
export const RISK_TYPE_CODES = Object.keys(RISK_TYPES) as RiskType[];
/** A recorded risk is active until the link worker, reviewing it, marks it resolved. */
export const RISK_STATUSES = ['active', 'resolved'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];

export const COMMUNICATION_ADJUSTMENTS = {
  'large-print': 'Large print',
  'easy-read': 'Easy read',
  'bsl-interpreter': 'British Sign Language interpreter',
  'hearing-loop': 'Hearing loop',
  'no-telephone': 'Telephone not suitable',
  'carer-present': 'Carer or relative present',
  'extra-time': 'Extra time',
  'face-to-face': 'Face to face',
} as const;
export type CommunicationAdjustment = keyof typeof COMMUNICATION_ADJUSTMENTS;
export const COMMUNICATION_ADJUSTMENT_CODES = Object.keys(
  COMMUNICATION_ADJUSTMENTS,
) as CommunicationAdjustment[];

/** Languages a referral form offers first (BCP-47); any other BCP-47 tag is accepted too. */
export const COMMON_LANGUAGES: Readonly<Record<string, string>> = {
  en: 'English',
  pl: 'Polish',
  ro: 'Romanian',
  pa: 'Panjabi',
  ur: 'Urdu',
  bn: 'Bengali',
  gu: 'Gujarati',
  ar: 'Arabic',
  pt: 'Portuguese',
  so: 'Somali',
  ti: 'Tigrinya',
  fa: 'Persian',
  uk: 'Ukrainian',
  zh: 'Chinese',
  bfi: 'British Sign Language',
};

export interface CommunicationNeeds {
  /** A BCP-47 tag (`pl`, `pa-IN`), with its name. */
  readonly language?: { readonly code: string; readonly display?: string } | undefined;
  readonly interpreterNeeded?: boolean | undefined;
  readonly adjustments?: readonly CommunicationAdjustment[] | undefined;
  readonly detail?: string | undefined;
}

const BCP47 = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;

/** The Referral's communication needs extension; undefined when nothing is recorded. */
export function communicationNeedsExtension(needs: CommunicationNeeds): Extension | undefined {
  const parts: Extension[] = [];
  if (needs.language !== undefined) {
    if (!BCP47.test(needs.language.code)) {
      throw new ProfileInputError(
        'communicationNeeds.language',
        `must be a BCP-47 language tag such as pl or pa-IN, got ${needs.language.code}`,
      );
    }
    const display = needs.language.display ?? COMMON_LANGUAGES[needs.language.code];
    parts.push({
      url: 'language',
      valueCodeableConcept: {
        coding: [
          {
            system: LANGUAGE_SYSTEM,
            code: needs.language.code,
            ...(display === undefined ? {} : { display }),
          },
        ],
      },
    });
  }
  if (needs.interpreterNeeded !== undefined) {
    parts.push({ url: 'interpreterNeeded', valueBoolean: needs.interpreterNeeded });
  }
  (needs.adjustments ?? []).forEach((adjustment, i) => {
    requireOneOf(
      `communicationNeeds.adjustments[${i}]`,
      adjustment,
      COMMUNICATION_ADJUSTMENT_CODES,
    );
    parts.push({
      url: 'adjustment',
      valueCodeableConcept: {
        coding: [
          localCoding(RISK_URLS.communicationAdjustments, COMMUNICATION_ADJUSTMENTS, adjustment),
        ],
      },
    });
  });
  const detail = needs.detail?.trim() ?? '';
  if (detail !== '') parts.push({ url: 'detail', valueString: detail });
  return parts.length === 0 ? undefined : { url: RISK_URLS.communicationNeeds, extension: parts };
}

/** The communication needs a Referral carries, or undefined when it carries none. */
export function communicationNeedsOf(referral: ServiceRequest): CommunicationNeeds | undefined {
  const ext = referral.extension?.find((e) => e.url === RISK_URLS.communicationNeeds);
  if (ext === undefined) return undefined;
  const parts = ext.extension ?? [];
  const language = parts.find((p) => p.url === 'language')?.valueCodeableConcept?.coding?.[0];
  const interpreter = parts.find((p) => p.url === 'interpreterNeeded')?.valueBoolean;
  const adjustments = parts
    .filter((p) => p.url === 'adjustment')
    .map((p) => p.valueCodeableConcept?.coding?.[0]?.code)
    .filter((c): c is CommunicationAdjustment =>
      COMMUNICATION_ADJUSTMENT_CODES.includes(c as CommunicationAdjustment),
    );
  const detail = parts.find((p) => p.url === 'detail')?.valueString;
  return {
    ...(language?.code === undefined
      ? {}
      : {
          language: {
            code: language.code,
            ...(language.display === undefined ? {} : { display: language.display }),
          },
        }),
    ...(interpreter === undefined ? {} : { interpreterNeeded: interpreter }),
    adjustments,
    ...(detail === undefined ? {} : { detail }),
  };
}

export interface RiskFlagInput {
  readonly identifier: BusinessIdentifier;
  readonly patient: ReferenceTo<'Patient'>;
  /** Who recorded the risk: the referrer, or the link worker. */
  readonly author: ReferenceTo<'Practitioner' | 'PractitionerRole' | 'Organization'>;
  readonly type: RiskType;
  /** What to know, in words (Flag.code.text). */
  readonly detail?: string | undefined;
  readonly start: string;
  /** When the risk stopped applying; the Flag is then inactive. */
  readonly end?: string | undefined;
}

/** A risk to know about before meeting the person (profile linkwell-risk-flag). */
export function buildRiskFlag(input: RiskFlagInput): Flag {
  const type = requireOneOf('type', input.type, RISK_TYPE_CODES);
  const detail = input.detail?.trim() ?? '';
  const code: CodeableConcept = {
    coding: [localCoding(RISK_URLS.riskTypes, RISK_TYPES, type)],
    text: detail === '' ? RISK_TYPES[type] : detail,
  };
  const start = requireDateTime('start', input.start);
  const end = input.end === undefined ? undefined : requireDateTime('end', input.end);
  return {
    resourceType: 'Flag',
    meta: { profile: [RISK_URLS.riskFlag] },
    identifier: [businessIdentifier('identifier', input.identifier, RISK_URLS.riskFlagIdentifier)],
    status: end === undefined ? 'active' : 'inactive',
    category: [{ coding: [{ system: FLAG_CATEGORY_SYSTEM, code: 'safety', display: 'Safety' }] }],
    code,
    subject: referenceTo('patient', input.patient, ['Patient']),
    period: { start, ...(end === undefined ? {} : { end }) },
    author: referenceTo('author', input.author, [
      'Practitioner',
      'PractitionerRole',
      'Organization',
    ]),
  };
}

/** A risk as a Flag states it, or undefined when the Flag is not one of ours. */
export function riskOfFlag(
  flag: Flag,
): { type: RiskType; detail: string | undefined; active: boolean } | undefined {
  const code = flag.code.coding?.find((c) => c.system === RISK_URLS.riskTypes)?.code;
  if (code === undefined || !RISK_TYPE_CODES.includes(code as RiskType)) return undefined;
  const type = code as RiskType;
  const text = flag.code.text;
  return {
    type,
    detail: text === undefined || text === RISK_TYPES[type] ? undefined : text,
    active: flag.status === 'active',
  };
}
