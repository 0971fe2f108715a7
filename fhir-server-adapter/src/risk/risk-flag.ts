import type { Flag } from 'fhir/r4';
import { buildRiskFlag, type ReferenceTo } from '@linkwell/profiles';
import type { LinkedCase } from '../store/records';
import type { RiskRecord } from './risk-store';

/** The Flag a risk the GP should know about becomes (pure; inactive once resolved). */
export function riskFlagResource(risk: RiskRecord, owner: LinkedCase): Flag {
  return buildRiskFlag({
    identifier: risk.id,
    patient: owner.patientRef,
    author: risk.recordedBy as ReferenceTo<'Practitioner'>,
    type: risk.type,
    detail: risk.detail,
    start: risk.recordedAt,
    ...(risk.status === 'resolved' ? { end: risk.resolvedAt ?? risk.reviewedAt } : {}),
  });
}
