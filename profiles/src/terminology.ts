import type { Coding } from 'fhir/r4';
import { LINKWELL_CODE_SYSTEMS, SNOMED, SNOMED_SYSTEM } from './codes';

// Displays match profiles/fhir/CodeSystem-*.json; codes.test.ts checks they stay in step.

export const SOCIAL_NEEDS = {
  loneliness: 'Loneliness',
  bereavement: 'Bereavement',
  'money-debt': 'Money worries or debt',
  'welfare-benefits': 'Welfare benefits advice',
  housing: 'Housing problem',
  'carer-strain': 'Carer strain',
  'low-mood': 'Low mood',
  'stress-anxiety': 'Stress or anxiety',
  'long-term-condition-support': 'Long-term condition support',
  'physical-inactivity': 'Physical inactivity',
  'healthy-eating': 'Healthy eating and weight',
  employment: 'Employment, training or volunteering',
  'food-insecurity': 'Food insecurity',
  'digital-exclusion': 'Digital exclusion',
  'relationships-family': 'Relationship or family difficulties',
  'legal-advice': 'Legal or immigration advice',
  'transport-access': 'Transport and access',
} as const;
export type SocialNeedCode = keyof typeof SOCIAL_NEEDS;

/** A need a referral can be for: a local social need code, or `social-isolation` (SNOMED CT). */
export type ReferralNeed = SocialNeedCode | 'social-isolation';
export const REFERRAL_NEEDS: readonly ReferralNeed[] = [
  'social-isolation',
  ...(Object.keys(SOCIAL_NEEDS) as SocialNeedCode[]),
];

export function referralNeedCoding(need: ReferralNeed): Coding {
  if (need === 'social-isolation') {
    return { system: SNOMED_SYSTEM, code: SNOMED.socialIsolation, display: 'Social isolation' };
  }
  return { system: LINKWELL_CODE_SYSTEMS.socialNeeds, code: need, display: SOCIAL_NEEDS[need] };
}

export const REFERRAL_BUSINESS_STATUSES = {
  'awaiting-contact': 'Awaiting contact',
  'contact-attempted': 'Contact attempted',
  contacted: 'Contacted',
  'first-meeting': 'First meeting held',
  'plan-agreed': 'Plan agreed',
  connected: 'Connected to community support',
  'follow-up': 'Follow-up',
  discharged: 'Discharged',
  'did-not-engage': 'Did not engage',
  declined: 'Declined by the person',
} as const;
export type ReferralBusinessStatus = keyof typeof REFERRAL_BUSINESS_STATUSES;

export const REFERRAL_STATUS_REASONS = {
  'not-eligible': 'Not eligible for the service',
  'outside-area': 'Outside the service area',
  'service-at-capacity': 'Service at capacity',
  'needs-clinical-service': 'Needs a clinical or statutory service',
  'insufficient-information': 'Insufficient information',
  'patient-declined': 'Person declined',
  'unable-to-contact': 'Unable to contact',
  'duplicate-referral': 'Duplicate referral',
  'moved-away': 'Moved away',
  'patient-died': 'Person died',
  'entered-in-error': 'Entered in error',
} as const;
export type ReferralStatusReason = keyof typeof REFERRAL_STATUS_REASONS;

/** Task.status values a referral Task may take (the lifecycle in profiles/README.md). */
export const REFERRAL_TASK_STATUSES = [
  'requested',
  'accepted',
  'rejected',
  'in-progress',
  'on-hold',
  'completed',
  'cancelled',
  'failed',
  'entered-in-error',
] as const;
export type ReferralTaskStatus = (typeof REFERRAL_TASK_STATUSES)[number];

/** A referral still on the caseload: not yet answered, or being worked. */
export const UNFINISHED_TASK_STATUSES: readonly ReferralTaskStatus[] = [
  'requested',
  'accepted',
  'in-progress',
  'on-hold',
];

/** A referral the service accepted and is working: it can be discharged. */
export const ACTIVE_TASK_STATUSES: readonly ReferralTaskStatus[] = [
  'accepted',
  'in-progress',
  'on-hold',
];

/** Statuses that need a Task.statusReason (invariant lw-task-1). */
export const STATUSES_NEEDING_REASON: readonly ReferralTaskStatus[] = [
  'rejected',
  'cancelled',
  'failed',
];

export const CONTACT_PREFERENCES = {
  phone: 'Telephone call',
  'text-message': 'Text message',
  email: 'Email',
  letter: 'Letter',
  'via-carer': 'Through a carer or relative',
  'in-person-at-practice': 'In person at the practice',
  'interpreter-needed': 'Interpreter needed',
} as const;
export type ContactPreference = keyof typeof CONTACT_PREFERENCES;

export const SCORE_BANDS = {
  'very-low': 'Very low',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  'very-high': 'Very high',
} as const;
export type ScoreBand = keyof typeof SCORE_BANDS;

export function localCoding<T extends Record<string, string>>(
  system: string,
  displays: T,
  code: keyof T & string,
): Coding {
  return { system, code, display: displays[code] };
}
