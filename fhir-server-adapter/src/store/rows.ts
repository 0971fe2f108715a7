import type { Task } from 'fhir/r4';
import type { ReferralBusinessStatus, ReferralTaskStatus } from '@linkwell/profiles';
import type {
  CaseNote,
  CaseRecord,
  ContactAttempt,
  GoalRecord,
  OnwardReferralRecord,
  QuestionnaireAnswersRecord,
} from './records';

// Row shapes as both drivers return them (snake_case, timestamptz as Date), mapped to records.
export type Row = Record<string, unknown>;

// Dates may come from another realm (the PGlite worker, jest's sandbox): no `instanceof Date`.
const isDate = (value: unknown): value is Date =>
  Object.prototype.toString.call(value) === '[object Date]';
export const text = (value: unknown): string =>
  isDate(value) ? new Date(value.getTime()).toISOString() : String(value);
const optional = (value: unknown): string | undefined =>
  value === null || value === undefined ? undefined : text(value);
const date = (value: unknown): string =>
  isDate(value) ? new Date(value.getTime()).toISOString().slice(0, 10) : String(value);

export function caseFromRow(row: Row): CaseRecord {
  return {
    id: text(row.id),
    serviceOrg: text(row.service_org),
    endpoint: text(row.endpoint),
    taskId: optional(row.task_id),
    taskVersion: optional(row.task_version),
    task: (row.task_json ?? undefined) as Task | undefined,
    referralRef: optional(row.referral_ref) as CaseRecord['referralRef'],
    patientRef: optional(row.patient_ref) as CaseRecord['patientRef'],
    status: text(row.status) as ReferralTaskStatus,
    statusReason: optional(row.status_reason),
    businessStatus: optional(row.business_status) as ReferralBusinessStatus | undefined,
    assignedTo: optional(row.assigned_to),
    receivedAt: text(row.received_at),
    updatedAt: text(row.updated_at),
  };
}

export function goalFromRow(row: Row): GoalRecord {
  return {
    id: text(row.id),
    caseId: text(row.case_id),
    description: text(row.description),
    lifecycleStatus: text(row.lifecycle_status) as GoalRecord['lifecycleStatus'],
    achievement: optional(row.achievement),
    targetMeasure: optional(row.target_measure),
    targetDetail: optional(row.target_detail),
    targetDue: row.target_due === null ? undefined : date(row.target_due),
    startDate: date(row.start_date),
    shared: row.shared === true,
    linkWorker: text(row.link_worker),
    createdAt: text(row.created_at),
  };
}

export function answersFromRow(row: Row): QuestionnaireAnswersRecord {
  return {
    id: text(row.id),
    caseId: text(row.case_id),
    instrument: text(row.instrument) as QuestionnaireAnswersRecord['instrument'],
    timing: text(row.timing) as QuestionnaireAnswersRecord['timing'],
    answers: row.answers as Record<string, number>,
    authored: text(row.authored),
    shared: row.shared === true,
    linkWorker: text(row.link_worker),
  };
}

export function onwardFromRow(row: Row): OnwardReferralRecord {
  return {
    id: text(row.id),
    caseId: text(row.case_id),
    serviceRef: text(row.service_ref) as OnwardReferralRecord['serviceRef'],
    serviceName: optional(row.service_name),
    note: optional(row.note),
    status: text(row.status) as OnwardReferralRecord['status'],
    authoredOn: text(row.authored_on),
    shared: row.shared === true,
    linkWorker: text(row.link_worker),
    ...(row.state === undefined || row.state === null
      ? {}
      : { state: text(row.state) as NonNullable<OnwardReferralRecord['state']> }),
    ...(optional(row.state_reason) === undefined
      ? {}
      : { stateReason: optional(row.state_reason) }),
    ...(optional(row.state_at) === undefined ? {} : { stateAt: optional(row.state_at) }),
    ...(optional(row.replied_at) === undefined ? {} : { repliedAt: optional(row.replied_at) }),
  };
}

export function attemptFromRow(row: Row): ContactAttempt {
  return {
    id: text(row.id),
    caseId: text(row.case_id),
    at: text(row.at),
    method: text(row.method),
    outcome: text(row.outcome),
    linkWorker: text(row.link_worker),
  };
}

export function noteFromRow(row: Row): CaseNote {
  return {
    id: text(row.id),
    caseId: text(row.case_id),
    author: text(row.author),
    text: text(row.text),
    createdAt: text(row.created_at),
  };
}
