import type { Encounter } from 'fhir/r4';

/**
 * How an EHR Encounter counts in "healthcare use before and after referral" (SHINE's primary
 * outcome): a GP contact, an emergency attendance, an admission, or none of these. The rule is
 * data, applied in order, first match wins; the reports name it (ENCOUNTER_CLASSIFICATION).
 */
export type EncounterSetting = 'gp' | 'emergency' | 'admission' | 'other';
export const COUNTED_SETTINGS = ['gp', 'emergency', 'admission'] as const;
export const SETTING_LABELS: Record<EncounterSetting, string> = {
  gp: 'GP contacts',
  emergency: 'Emergency attendances',
  admission: 'Admissions',
  other: 'Not counted',
};

export const V3_ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const SCT = 'http://snomed.info/sct';

export interface SettingRule {
  /** What the rule looks at: the Encounter's class, or one of its type codings. */
  readonly on: 'class' | 'type';
  readonly system: string;
  readonly codes: readonly string[];
  readonly setting: EncounterSetting;
  /** For `type` rules: only when the class is one of these (the ambiguous ones). */
  readonly whenClass?: readonly string[];
  readonly why: string;
}

// Ambulatory and virtual contacts can be a GP's or a hospital outpatient clinic's: the type says.
const AMBIGUOUS = ['AMB', 'VR', 'HH'];

export const SETTING_RULES: readonly SettingRule[] = [
  {
    on: 'class',
    system: V3_ACT_CODE,
    codes: ['EMER'],
    setting: 'emergency',
    why: 'class EMER (emergency)',
  },
  {
    on: 'class',
    system: V3_ACT_CODE,
    codes: ['IMP', 'ACUTE', 'NONAC', 'SS'],
    setting: 'admission',
    why: 'class IMP, ACUTE, NONAC (inpatient) or SS (short stay)',
  },
  {
    on: 'type',
    system: SCT,
    // Emergency department patient visit; Emergency room admission.
    codes: ['4525004', '50849002'],
    setting: 'emergency',
    whenClass: AMBIGUOUS,
    why: 'an ambulatory class with an emergency department type (SNOMED 4525004, 50849002)',
  },
  {
    on: 'type',
    system: SCT,
    // Hospital admission; Emergency hospital admission.
    codes: ['32485007', '183452005'],
    setting: 'admission',
    whenClass: AMBIGUOUS,
    why: 'an ambulatory class with a hospital admission type (SNOMED 32485007, 183452005)',
  },
  {
    on: 'type',
    system: SCT,
    // Consultation; Encounter for check up; Encounter for symptom; General examination of
    // patient; Telephone encounter; Follow-up encounter; Home visit; Visit out of hours.
    codes: [
      '11429006',
      '185349003',
      '185345009',
      '162673000',
      '185317003',
      '390906007',
      '439708006',
      '185463005',
    ],
    setting: 'gp',
    whenClass: AMBIGUOUS,
    why: 'an ambulatory, virtual or home class with a primary care consultation type (SNOMED 11429006, 185349003, 185345009, 162673000, 185317003, 390906007, 439708006, 185463005)',
  },
];

/** Encounters in these statuses did not happen (or not yet): never counted. */
export const UNCOUNTED_STATUSES: readonly string[] = ['planned', 'cancelled', 'entered-in-error'];

/** One line per rule, for the API and the screen: "how each Encounter is classified". */
export const ENCOUNTER_CLASSIFICATION: readonly string[] = [
  ...SETTING_RULES.map((r) => `${SETTING_LABELS[r.setting]}: ${r.why}.`),
  'Not counted: any other class or type (an outpatient clinic, for instance), and Encounters that are planned, cancelled or entered in error.',
];

/** The setting of one Encounter by SETTING_RULES, and the rule that decided it (-1: none). */
export function encounterSetting(encounter: Pick<Encounter, 'class' | 'type' | 'status'>): {
  setting: EncounterSetting;
  rule: number;
} {
  if (UNCOUNTED_STATUSES.includes(encounter.status)) return { setting: 'other', rule: -1 };
  const classCode = encounter.class.system === V3_ACT_CODE ? encounter.class.code : undefined;
  const types = (encounter.type ?? []).flatMap((t) => t.coding ?? []);
  const rule = SETTING_RULES.findIndex((r) =>
    r.on === 'class'
      ? classCode !== undefined && r.codes.includes(classCode)
      : (r.whenClass === undefined ||
          (classCode !== undefined && r.whenClass.includes(classCode))) &&
        types.some(
          (c) => c.system === r.system && c.code !== undefined && r.codes.includes(c.code),
        ),
  );
  return { setting: SETTING_RULES[rule]?.setting ?? 'other', rule };
}
