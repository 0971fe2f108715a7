import type { EpisodeOfCare, Observation } from 'fhir/r4';
import {
  OUTCOME_MEASURES,
  REFERRAL_CODE,
  SURVEY_CATEGORY,
  type OutcomeMeasure,
} from '@linkwell/profiles';
import type { DatasetRow } from './dataset';
import type { ReportedMeasure } from './measures';

// The minimum dataset as FHIR, for NDJSON: per case an EpisodeOfCare (the social prescribing
// episode, pointing at the GP's referral, its needs there) and an Observation per score.

const MEASURE_CODES: Record<string, OutcomeMeasure> = {
  'swemwbs-metric': 'swemwbs',
  'ucla3-total': 'ucla3-total',
  'ons4-life-satisfaction': 'ons4-life-satisfaction',
  'ons4-worthwhile': 'ons4-worthwhile',
  'ons4-happiness': 'ons4-happiness',
  'ons4-anxiety': 'ons4-anxiety',
};

const EPISODE_STATUS: Record<string, EpisodeOfCare['status']> = {
  requested: 'planned',
  accepted: 'active',
  'in-progress': 'active',
  'on-hold': 'onhold',
  completed: 'finished',
  rejected: 'cancelled',
  cancelled: 'cancelled',
  failed: 'finished',
};

/** A FHIR id for a generated resource: ids are [A-Za-z0-9-.]{1,64}. */
const resourceId = (kind: string, caseId: string, suffix = ''): string =>
  `lw-${kind}-${caseId}${suffix}`.replace(/[^A-Za-z0-9\-.]/g, '-').slice(0, 64);

export function datasetResources(
  row: DatasetRow,
  serviceOrg: string,
  measures: readonly ReportedMeasure[],
): (EpisodeOfCare | Observation)[] {
  // FHIR resources need the person's Patient: a case of someone not registered on the EHR is in
  // the CSV exports only.
  if (row.patient_reference === null || row.patient_reference === undefined) return [];
  const caseId = String(row.case_id);
  const patient = { reference: String(row.patient_reference) };
  const referral = { reference: String(row.referral_reference) };
  const episode: EpisodeOfCare = {
    resourceType: 'EpisodeOfCare',
    id: resourceId('episode', caseId),
    status: EPISODE_STATUS[String(row.status)] ?? 'finished',
    type: [{ coding: [REFERRAL_CODE], text: 'Social prescribing' }],
    patient,
    managingOrganization: { reference: `Organization/${serviceOrg}` },
    ...(row.referral_date === null
      ? {}
      : {
          period: {
            start: String(row.referral_date),
            ...(row.closed_date === null ? {} : { end: String(row.closed_date) }),
          },
        }),
    referralRequest: [referral],
    ...(row.link_worker === null ? {} : { careManager: { reference: String(row.link_worker) } }),
  };
  const observations = measures.flatMap((m) => {
    const code = MEASURE_CODES[m.key];
    if (code === undefined) return [];
    const definition = OUTCOME_MEASURES[code];
    return (['baseline', 'follow_up'] as const).flatMap((timing): Observation[] => {
      const value = row[`${m.key}_${timing}`];
      const date = row[`${m.key}_${timing}_date`];
      if (typeof value !== 'number') return [];
      return [
        {
          resourceType: 'Observation',
          id: resourceId('score', caseId, `-${m.key}-${timing}`),
          status: 'final',
          category: [{ coding: [SURVEY_CATEGORY] }],
          code: { coding: [definition.coding], text: m.label },
          subject: patient,
          basedOn: [referral],
          ...(typeof date === 'string' ? { effectiveDateTime: date } : {}),
          ...(definition.kind === 'integer'
            ? { valueInteger: Math.round(value) }
            : {
                valueQuantity: {
                  value,
                  unit: 'score',
                  system: 'http://unitsofmeasure.org',
                  code: '{score}',
                },
              }),
          note: [{ text: timing === 'baseline' ? 'Baseline' : 'Follow-up' }],
        },
      ];
    });
  });
  return [episode, ...observations];
}
