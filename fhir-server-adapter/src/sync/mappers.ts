import { createHash } from 'node:crypto';
import type {
  Goal,
  Observation,
  Provenance,
  QuestionnaireResponse,
  Reference,
  ServiceRequest,
  Task,
} from 'fhir/r4';
import {
  EXTENSION_URLS,
  LINKWELL_BASE,
  REFERRAL_STATUS_REASONS,
  buildGoal,
  buildOnwardReferral,
  buildOnwardReferralTask,
  buildOutcomeObservation,
  buildQuestionnaireResponse,
  buildReferralTask,
  scoreOns4,
  scoreSwemwbs,
  scoreUcla3,
  type InstrumentAnswers,
  type NamedReference,
  type OutcomeMeasure,
  type ReferenceTo,
  type ReferralTaskOutput,
  type StatusReasonInput,
  type StatusStep,
} from '@linkwell/profiles';
import type {
  LinkedCase,
  GoalRecord,
  OnwardReferralRecord,
  QuestionnaireAnswersRecord,
} from '../store/records';

// Pure functions from the link-worker store to Linkwell FHIR resources. Only shared records reach
// here; private notes and contact attempts have no mapper at all.

export const QUESTIONNAIRE_RESPONSE_SYSTEM = `${LINKWELL_BASE}/sid/questionnaire-response`;
type PractitionerRef = ReferenceTo<'Practitioner'>;

export function goalResource(goal: GoalRecord, owner: LinkedCase): Goal {
  return buildGoal({
    identifier: goal.id,
    description: goal.description,
    patient: owner.patientRef,
    referral: owner.referralRef,
    startDate: goal.startDate,
    lifecycleStatus: goal.lifecycleStatus,
    ...(goal.achievement === undefined ? {} : { achievement: goal.achievement as never }),
    expressedBy: owner.patientRef,
    ...(goal.targetMeasure === undefined
      ? {}
      : {
          target: {
            measure: goal.targetMeasure,
            ...(goal.targetDetail === undefined ? {} : { detail: goal.targetDetail }),
            ...(goal.targetDue === undefined ? {} : { dueDate: goal.targetDue }),
          },
        }),
  });
}

/** The scores an instrument's answers produce, as outcome measures and values. */
export function scoresOf(answers: InstrumentAnswers): { measure: OutcomeMeasure; value: number }[] {
  switch (answers.instrument) {
    case 'ons4': {
      const { items } = scoreOns4(answers.answers);
      return [
        { measure: 'ons4-life-satisfaction', value: items['life-satisfaction'].score },
        { measure: 'ons4-worthwhile', value: items.worthwhile.score },
        { measure: 'ons4-happiness', value: items.happiness.score },
        { measure: 'ons4-anxiety', value: items.anxiety.score },
      ];
    }
    case 'ucla3':
      return [{ measure: 'ucla3-total', value: scoreUcla3(answers.answers).total }];
    case 'swemwbs': {
      const result = scoreSwemwbs(answers.answers);
      return [
        { measure: 'swemwbs', value: result.metric },
        { measure: 'swemwbs-raw', value: result.raw },
      ];
    }
  }
}

/** A QuestionnaireResponse and the outcome Observations derived from it (`qrRef` links them). */
export function outcomeResources(
  record: QuestionnaireAnswersRecord,
  owner: LinkedCase,
  qrRef: ReferenceTo<'QuestionnaireResponse'>,
): { questionnaireResponse: QuestionnaireResponse; observations: Observation[] } {
  const answers = { instrument: record.instrument, answers: record.answers } as InstrumentAnswers;
  const linkWorker = record.linkWorker as PractitionerRef;
  const questionnaireResponse: QuestionnaireResponse = {
    ...buildQuestionnaireResponse({
      ...answers,
      patient: owner.patientRef,
      authored: record.authored,
      author: linkWorker,
      referral: owner.referralRef,
    }),
    identifier: { system: QUESTIONNAIRE_RESPONSE_SYSTEM, value: record.id },
  };
  const observations = scoresOf(answers).map(({ measure, value }) =>
    buildOutcomeObservation({
      identifier: `${record.id}.${measure}`,
      measure,
      value,
      patient: owner.patientRef,
      referral: owner.referralRef,
      performer: linkWorker,
      effectiveDateTime: record.authored,
      questionnaireResponse: qrRef,
    }),
  );
  return { questionnaireResponse, observations };
}

/** The ServiceRequest's status follows what the service reported: done, declined, or still open. */
const ONWARD_REQUEST_STATUS = {
  completed: 'completed',
  declined: 'revoked',
} as const;

export function onwardResource(record: OnwardReferralRecord, owner: LinkedCase): ServiceRequest {
  const reported =
    record.state === 'completed' || record.state === 'declined'
      ? ONWARD_REQUEST_STATUS[record.state]
      : undefined;
  return buildOnwardReferral({
    identifier: record.id,
    referral: owner.referralRef,
    patient: owner.patientRef,
    requester: record.linkWorker as PractitionerRef,
    service: record.serviceRef,
    ...(record.serviceName === undefined ? {} : { serviceName: record.serviceName }),
    authoredOn: record.authoredOn,
    status: reported ?? record.status,
    ...(record.note === undefined ? {} : { note: record.note }),
  });
}

/** The Task the community service acts on: its reported state, focus the onward ServiceRequest. */
export function onwardTaskResource(
  record: OnwardReferralRecord,
  owner: LinkedCase,
  request: ReferenceTo<'ServiceRequest'>,
): Task {
  return buildOnwardReferralTask({
    identifier: record.id,
    onwardReferral: request,
    patient: owner.patientRef,
    requester: record.linkWorker as PractitionerRef,
    service: record.serviceRef,
    ...(record.serviceName === undefined ? {} : { serviceName: record.serviceName }),
    authoredOn: record.authoredOn,
    state: record.state ?? 'awaiting-reply',
    ...(record.stateReason === undefined ? {} : { reason: record.stateReason }),
    ...(record.stateAt === undefined ? {} : { lastModified: record.stateAt }),
  });
}

function statusReasonInput(reason: string | undefined): StatusReasonInput | undefined {
  if (reason === undefined) return undefined;
  if (reason === 'social-prescribing-declined' || reason in REFERRAL_STATUS_REASONS) {
    return reason as StatusReasonInput;
  }
  return { text: reason };
}

/** What the Task says about the case beyond its status: the steps taken and who holds it. */
export interface TaskStory {
  readonly statusHistory: readonly StatusStep[];
  readonly caseHolder: NamedReference | undefined;
}

const OURS = new Set<string>([EXTENSION_URLS.statusHistory, EXTENSION_URLS.caseHolder]);

/**
 * The server's Task with the fields the link-worker service owns laid over it: status, statusReason,
 * businessStatus, lastModified, output (a union: outputs others added are kept), and the status
 * history and case holder extensions (others' extensions are kept).
 */
export function mergeTask(
  server: Task,
  owner: LinkedCase,
  outputs: readonly ReferralTaskOutput[],
  story: TaskStory = { statusHistory: [], caseHolder: undefined },
): Task {
  const statusReason = statusReasonInput(owner.statusReason);
  const ours = buildReferralTask({
    referral: owner.referralRef,
    patient: owner.patientRef,
    // A requester known only by identifier or by an absolute URL is refused (the Task is held).
    requester: server.requester?.reference as never,
    owner: (server.owner?.reference ?? `Organization/${owner.serviceOrg}`) as never,
    authoredOn: server.authoredOn ?? owner.receivedAt,
    status: owner.status,
    ...(statusReason === undefined ? {} : { statusReason }),
    ...(owner.businessStatus === undefined ? {} : { businessStatus: owner.businessStatus }),
    lastModified: owner.updatedAt,
    outputs,
    statusHistory: story.statusHistory,
    ...(story.caseHolder === undefined ? {} : { caseHolder: story.caseHolder }),
  });
  const known = new Set((server.output ?? []).map((o) => o.valueReference?.reference));
  const added = (ours.output ?? []).filter((o) => !known.has(o.valueReference?.reference));
  const rest = { ...server };
  delete rest.statusReason;
  delete rest.extension;
  const output = [...(server.output ?? []), ...added];
  const extension = [
    ...(server.extension ?? []).filter((e) => !OURS.has(e.url)),
    ...(ours.extension ?? []),
  ];
  return {
    ...rest,
    ...(extension.length === 0 ? {} : { extension }),
    status: ours.status,
    ...(ours.statusReason === undefined ? {} : { statusReason: ours.statusReason }),
    ...(ours.businessStatus === undefined ? {} : { businessStatus: ours.businessStatus }),
    lastModified: ours.lastModified,
    ...(output.length === 0 ? {} : { output }),
  };
}

/** Who did it: the link worker, on behalf of the service. The id is stable, so a resend is a no-op. */
export function provenanceResource(
  id: string,
  targets: readonly Reference[],
  linkWorker: string,
  serviceOrg: string,
  recorded: string,
): Provenance {
  return {
    resourceType: 'Provenance',
    id,
    target: [...targets],
    recorded,
    agent: [
      {
        type: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type',
              code: 'author',
              display: 'Author',
            },
          ],
        },
        who: { reference: linkWorker },
        onBehalfOf: { reference: `Organization/${serviceOrg}` },
      },
    ],
  };
}

/** JSON with object keys sorted: jsonb storage reorders keys, and the hash must not notice. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
  );
}

/** A short stable hash of a value, to tell whether anything changed since the last sync. */
export function contentHash(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex')
    .slice(0, 32);
}
