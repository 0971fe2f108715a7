import type { CarePlan } from 'fhir/r4';
import { buildCarePlan, type ReferenceTo } from '@linkwell/profiles';
import type { LinkedCase, FhirLink } from '../store/records';
import type { CarePlanParts } from './care-plan-store';

/**
 * The case's CarePlan (pure): what matters, the needs assessed, the agreed actions, and the Goals
 * and onward referrals the GP record already holds (`linked`: FHIR references of shared records).
 */
export function carePlanResource(
  parts: CarePlanParts,
  owner: LinkedCase,
  author: string,
  linked: { goals: readonly FhirLink[]; onward: readonly FhirLink[] },
): CarePlan {
  const closed = ['completed', 'failed', 'cancelled'].includes(owner.status);
  return buildCarePlan({
    identifier: owner.id,
    patient: owner.patientRef,
    referral: owner.referralRef,
    author: author as ReferenceTo<'Practitioner'>,
    created: parts.plan?.updatedAt ?? owner.receivedAt,
    status: closed ? 'completed' : 'active',
    whatMatters: parts.plan?.whatMatters,
    needs: parts.needs.map((n) => ({ need: n.need, concern: n.concern })),
    actions: parts.actions.map((a) => ({
      description: a.description,
      status: a.status,
      who: a.who,
      due: a.due,
    })),
    goals: linked.goals.map((l) => `Goal/${l.fhirId}` as const),
    onward: linked.onward.map((l) => ({ reference: `ServiceRequest/${l.fhirId}` as const })),
  });
}
