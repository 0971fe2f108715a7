import type { BundleEntry } from 'fhir/r4';
import {
  LINKWELL_IDENTIFIER_SYSTEMS,
  REFERRAL_STATUS_REASONS,
  buildClosingSummary,
  type ClosingSummaryInput,
  type OutcomeMeasure,
  type ReferenceTo,
  type ReferralTaskOutput,
} from '@linkwell/profiles';
import { writeBackAllowed, type GoalRecord, type OnwardReferralRecord } from '../store/records';
import { contentHash, scoresOf } from './mappers';
import { linkKey, type CaseSnapshot } from './plan-input';
import { linkedOutputs, urn, withProvenance, type RecordChanges, type WriteUnit } from './units';

// The message back to the GP when a case closes: facts from the store, the letter from profiles.

const OUTCOME_WORDS: Partial<Record<string, string>> = {
  completed: 'Discharged',
  failed: 'Did not engage',
  cancelled: 'Declined',
  rejected: 'Not accepted',
};

const ONWARD_WORDS = {
  active: 'referred, not yet known whether taken up',
  completed: 'taken up',
  revoked: 'not taken up',
} as const;

/** What the community service reported (accepted, declined and why, attended…), else the status. */
const REPORTED_WORDS: Record<NonNullable<OnwardReferralRecord['state']>, string | undefined> = {
  'awaiting-reply': undefined,
  accepted: 'accepted by the service',
  declined: 'declined by the service',
  'first-attended': 'attended',
  completed: 'completed',
  'did-not-attend': 'did not attend',
};
const onwardWords = (o: OnwardReferralRecord): string => {
  const reported = o.state === undefined ? undefined : REPORTED_WORDS[o.state];
  if (reported === undefined) return ONWARD_WORDS[o.status];
  return o.stateReason === undefined ? reported : `${reported}: ${o.stateReason}`;
};

function goalStatus(goal: GoalRecord): string {
  const state = goal.lifecycleStatus.replace('-', ' ');
  return goal.achievement === undefined ? state : `${state}, ${goal.achievement.replace('-', ' ')}`;
}

/** Baseline against latest score per measure, for measures recorded at least twice. */
export function outcomeChanges(
  snap: CaseSnapshot,
): { measure: OutcomeMeasure; baseline: number; latest: number }[] {
  const shared = [...snap.answers]
    .filter((a) => a.shared)
    .sort((a, b) => Date.parse(a.authored) - Date.parse(b.authored));
  const byMeasure = new Map<OutcomeMeasure, number[]>();
  for (const answers of shared) {
    for (const { measure, value } of scoresOf(answers)) {
      byMeasure.set(measure, [...(byMeasure.get(measure) ?? []), value]);
    }
  }
  return [...byMeasure]
    .filter(([, values]) => values.length >= 2)
    .map(([measure, values]) => ({
      measure,
      baseline: values[0] ?? 0,
      latest: values.at(-1) ?? 0,
    }));
}

/** What the summary says; without write-back consent only how and why the case closed. */
export function summaryInput(
  change: RecordChanges,
  snap: CaseSnapshot,
  newRelated: readonly ReferralTaskOutput[],
): ClosingSummaryInput {
  const { record, closure } = snap;
  const shares = writeBackAllowed(snap.consent);
  const author = record.assignedTo ?? change.linkWorker;
  const coded = record.statusReason as keyof typeof REFERRAL_STATUS_REASONS | undefined;
  const reason =
    closure?.reason ??
    (coded === undefined
      ? ''
      : coded in REFERRAL_STATUS_REASONS
        ? REFERRAL_STATUS_REASONS[coded]
        : coded);
  const related = shares
    ? [...linkedOutputs(snap), ...newRelated]
        .map((o) => o.reference)
        .filter(
          (ref): ref is ReferenceTo<'Goal' | 'Observation' | 'ServiceRequest'> =>
            /^(Goal|Observation|ServiceRequest)\//.test(ref) || ref.startsWith('urn:uuid:'),
        )
    : [];
  return {
    identifier: record.id,
    patient: record.patientRef,
    referral: record.referralRef,
    task: `Task/${record.taskId}`,
    linkWorker: { reference: author, display: snap.names.get(author) ?? 'Link worker' },
    service: {
      reference: snap.service?.reference ?? `Organization/${record.serviceOrg}`,
      display: snap.service?.name ?? 'The link-worker service',
    },
    referredOn: record.task.authoredOn ?? record.receivedAt,
    closedOn: closure?.closedAt ?? record.updatedAt,
    outcome: OUTCOME_WORDS[record.status] ?? record.status,
    reason,
    support: {
      contactAttempts: snap.contacts.length,
      conversations: snap.contacts.filter((c) => c.outcome === 'reached').length,
      meetings: snap.contacts.filter((c) => c.method === 'in-person').length,
      onward: shares
        ? snap.onward
            .filter((o) => o.shared)
            .map((o) => ({
              service: o.serviceName ?? o.serviceRef,
              status: onwardWords(o),
            }))
        : [],
    },
    goals: shares
      ? snap.goals
          .filter((g) => g.shared)
          .map((g) => ({ description: g.description, status: goalStatus(g) }))
      : [],
    outcomes: shares ? outcomeChanges(snap) : [],
    writeBackWithheld: !shares,
    ...(closure?.gpActions === undefined ? {} : { gpActions: closure.gpActions }),
    ...(snap.service?.contact === undefined ? {} : { serviceContact: snap.service.contact }),
    related,
  };
}

/**
 * The closing summary's unit: a conditional create on its identifier, so a re-run (or a second
 * adapter) never writes a second one; nothing at all once it was written.
 */
export function summaryUnit(
  change: RecordChanges,
  snap: CaseSnapshot,
  newRelated: readonly ReferralTaskOutput[],
): WriteUnit | undefined {
  if ((snap.links.get(linkKey('summary', change.recordId)) ?? []).length > 0) return undefined;
  const doc = buildClosingSummary(summaryInput(change, snap, newRelated));
  const hash = contentHash({ ...doc, content: undefined });
  const entry: BundleEntry = {
    fullUrl: urn(),
    resource: doc,
    request: {
      method: 'POST',
      url: 'DocumentReference',
      ifNoneExist: `identifier=${LINKWELL_IDENTIFIER_SYSTEMS.closingSummary}|${snap.record.id}`,
    },
  };
  return {
    kind: 'summary',
    recordId: change.recordId,
    caseId: snap.record.id,
    seqs: change.seqs,
    hash,
    entries: withProvenance([entry], change, snap.record, hash, doc.date ?? snap.record.updatedAt),
  };
}
