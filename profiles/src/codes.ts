import type { Coding } from 'fhir/r4';

/** Canonical base of every Linkwell conformance resource. */
export const LINKWELL_BASE = 'https://linkwell.example.org/fhir';

export const SNOMED_SYSTEM = 'http://snomed.info/sct';
export const LOINC_SYSTEM = 'http://loinc.org';
export const TASK_CODE_SYSTEM = 'http://hl7.org/fhir/CodeSystem/task-code';
export const OBSERVATION_CATEGORY_SYSTEM =
  'http://terminology.hl7.org/CodeSystem/observation-category';

/** SNOMED CT concepts Linkwell relies on (UK edition; see profiles/README.md for verification). */
export const SNOMED = {
  referralToSocialPrescribing: '871731000000106',
  socialPrescribingDeclined: '871711000000103',
  socialIsolation: '422650009',
  wemwbsScore: '718426000',
  swemwbsScore: '718466001',
  eq5d5lIndexValue: '736534008',
  eqVasScore: '736535009',
} as const;

export const LOINC = { lonelyOrIsolatedHowOften: '93159-2' } as const;

const codeSystem = (id: string): string => `${LINKWELL_BASE}/CodeSystem/${id}`;
const valueSet = (id: string): string => `${LINKWELL_BASE}/ValueSet/${id}`;
const structureDefinition = (id: string): string => `${LINKWELL_BASE}/StructureDefinition/${id}`;

export const LINKWELL_CODE_SYSTEMS = {
  socialNeeds: codeSystem('linkwell-social-needs'),
  referralBusinessStatus: codeSystem('linkwell-referral-business-status'),
  referralStatusReason: codeSystem('linkwell-referral-status-reason'),
  referralType: codeSystem('linkwell-referral-type'),
  outcomeMeasures: codeSystem('linkwell-outcome-measures'),
  scoreBands: codeSystem('linkwell-score-bands'),
  contactPreferences: codeSystem('linkwell-contact-preferences'),
  ucla3Answers: codeSystem('linkwell-ucla3-answers'),
  swemwbsAnswers: codeSystem('linkwell-swemwbs-answers'),
  organizationType: codeSystem('linkwell-organization-type'),
  documentCategory: codeSystem('linkwell-document-category'),
  onwardReferralStatus: codeSystem('linkwell-onward-referral-status'),
  serviceRole: codeSystem('linkwell-service-role'),
} as const;

/** Organization.type of a social prescribing link-worker service: how apps find services to refer to. */
export const LINK_WORKER_SERVICE_TYPE: Coding = {
  system: LINKWELL_CODE_SYSTEMS.organizationType,
  code: 'link-worker-service',
  display: 'Social prescribing link-worker service',
};

/**
 * PractitionerRole.code of whoever manages a link-worker service: they see the whole service's
 * figures and exports, a link worker only their own.
 */
export const SERVICE_MANAGER_ROLE: Coding = {
  system: LINKWELL_CODE_SYSTEMS.serviceRole,
  code: 'service-manager',
  display: 'Social prescribing service manager',
};

export const LINKWELL_VALUE_SETS = {
  referralNeeds: valueSet('linkwell-referral-needs'),
  referralBusinessStatus: valueSet('linkwell-referral-business-status'),
  referralStatusReason: valueSet('linkwell-referral-status-reason'),
  referralTaskStatus: valueSet('linkwell-referral-task-status'),
  referralType: valueSet('linkwell-referral-type'),
  outcomeMeasures: valueSet('linkwell-outcome-measures'),
  scoreBands: valueSet('linkwell-score-bands'),
  contactPreferences: valueSet('linkwell-contact-preferences'),
  ucla3Answers: valueSet('linkwell-ucla3-answers'),
  swemwbsAnswers: valueSet('linkwell-swemwbs-answers'),
} as const;

export const PROFILE_URLS = {
  referral: structureDefinition('linkwell-referral'),
  referralTask: structureDefinition('linkwell-referral-task'),
  goal: structureDefinition('linkwell-goal'),
  outcomeObservation: structureDefinition('linkwell-outcome-observation'),
  consent: structureDefinition('linkwell-consent'),
  onwardReferral: structureDefinition('linkwell-onward-referral'),
  closingSummary: structureDefinition('linkwell-closing-summary'),
  communityService: structureDefinition('linkwell-community-service'),
  communityOrganization: structureDefinition('linkwell-community-organization'),
  communityLocation: structureDefinition('linkwell-community-location'),
  onwardReferralTask: structureDefinition('linkwell-onward-referral-task'),
} as const;

export const EXTENSION_URLS = {
  contactPreference: structureDefinition('linkwell-contact-preference'),
  statusHistory: structureDefinition('linkwell-status-history'),
  caseHolder: structureDefinition('linkwell-case-holder'),
  recordedBy: structureDefinition('linkwell-recorded-by'),
  consentWithdrawal: structureDefinition('linkwell-consent-withdrawal'),
} as const;

export const QUESTIONNAIRE_URLS = {
  ons4: `${LINKWELL_BASE}/Questionnaire/linkwell-ons4`,
  ucla3: `${LINKWELL_BASE}/Questionnaire/linkwell-ucla3`,
  swemwbs: `${LINKWELL_BASE}/Questionnaire/linkwell-swemwbs`,
} as const;

/** Identifier systems for business identifiers Linkwell mints (conditional create, idempotent sync). */
export const LINKWELL_IDENTIFIER_SYSTEMS = {
  referral: `${LINKWELL_BASE}/sid/referral`,
  onwardReferral: `${LINKWELL_BASE}/sid/onward-referral`,
  goal: `${LINKWELL_BASE}/sid/goal`,
  outcome: `${LINKWELL_BASE}/sid/outcome`,
  closingSummary: `${LINKWELL_BASE}/sid/closing-summary`,
  onwardReferralTask: `${LINKWELL_BASE}/sid/onward-referral-task`,
} as const;

/** Where the identifier systems of an imported Open Referral UK feed live (one per feed name). */
export const ORUK_IDENTIFIER_BASE = `${LINKWELL_BASE}/sid/oruk/`;

export const REFERRAL_CODE: Coding = {
  system: SNOMED_SYSTEM,
  code: SNOMED.referralToSocialPrescribing,
  display: 'Referral to social prescribing service',
};

export const ONWARD_REFERRAL_CODE: Coding = {
  system: LINKWELL_CODE_SYSTEMS.referralType,
  code: 'community-service-referral',
  display: 'Referral to a community or voluntary service',
};

export const FULFILL_TASK_CODE: Coding = {
  system: TASK_CODE_SYSTEM,
  code: 'fulfill',
  display: 'Fulfill the focal request',
};

export const SURVEY_CATEGORY: Coding = {
  system: OBSERVATION_CATEGORY_SYSTEM,
  code: 'survey',
  display: 'Survey',
};

/** DocumentReference.type of the closing summary: LOINC Summary of episode note. */
export const SUMMARY_OF_EPISODE_TYPE: Coding = {
  system: LOINC_SYSTEM,
  code: '34133-9',
  display: 'Summary of episode note',
};

/** DocumentReference.category of the message back to the GP (local: see the CodeSystem). */
export const CLOSING_SUMMARY_CATEGORY: Coding = {
  system: LINKWELL_CODE_SYSTEMS.documentCategory,
  code: 'social-prescribing-summary',
  display: 'Social prescribing closing summary',
};
