import type { BundleEntry, Consent, Task } from 'fhir/r4';
import type { CaseConsent } from '../store/records';
import {
  researchPermitted,
  statusHistoryOf,
  supersededReferralTask,
  withdrawConsent,
  withResearchPermission,
  type ReferralTaskOutput,
  type StatusStep,
} from '@linkwell/profiles';
import { contentHash, mergeTask } from './mappers';
import { linkKey, type CaseSnapshot } from './plan-input';
import {
  OUTPUT_TYPE,
  linkedOutputs,
  taskHash,
  weak,
  withProvenance,
  type RecordChanges,
  type ServerCopies,
  type WriteUnit,
} from './units';

/**
 * The steps the referral took, oldest first: those already on the Task, its request, and every
 * status or business-status change the store recorded. A step is known by status, business
 * status and date, so rewriting the Task never repeats one.
 */
export function statusSteps(server: Task, snap: CaseSnapshot): StatusStep[] {
  const requested: StatusStep = {
    status: 'requested',
    date: server.authoredOn ?? snap.record.receivedAt,
  };
  const recorded = snap.history.map((h): StatusStep => {
    const name = h.by === undefined ? undefined : snap.names.get(h.by);
    return {
      status: h.status,
      ...(h.businessStatus === undefined ? {} : { businessStatus: h.businessStatus }),
      date: h.at,
      ...(h.by === undefined || name === undefined
        ? {}
        : { by: { reference: h.by, display: name } }),
    };
  });
  const onTask = statusHistoryOf(server);
  const seen = new Set<string>();
  const key = (s: StatusStep): string =>
    `${s.status}|${s.businessStatus ?? ''}|${new Date(s.date).getTime()}`;
  const steps: StatusStep[] = [];
  for (const step of [...onTask, ...(onTask.length === 0 ? [requested] : []), ...recorded]) {
    if (seen.has(key(step))) continue;
    seen.add(key(step));
    steps.push(step);
  }
  return steps.sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
}

/** The case's Task: our fields over the last server copy, outputs and history included. */
export function taskUnit(
  change: RecordChanges,
  snap: CaseSnapshot,
  copies: ServerCopies,
  newOutputs: readonly ReferralTaskOutput[],
): WriteUnit | undefined {
  const owner = snap.record;
  const server = (copies.get(`Task/${owner.taskId}`) as Task | undefined) ?? owner.task;
  const holder = owner.assignedTo;
  const linked = linkedOutputs(snap);
  const known = new Set<string>(linked.map((o) => o.reference));
  const unlinkedOutputs =
    newOutputs.length > 0 &&
    (server.output ?? []).some((o) => {
      const reference = o.valueReference?.reference ?? '';
      return OUTPUT_TYPE[reference.split('/')[0] ?? ''] !== undefined && !known.has(reference);
    });
  const task = mergeTask(server, owner, [...linked, ...newOutputs], {
    statusHistory: statusSteps(server, snap),
    caseHolder:
      holder === undefined
        ? undefined
        : { reference: holder, display: snap.names.get(holder) ?? holder },
  });
  const hash = taskHash(task);
  const link = snap.links.get(linkKey('task', owner.id))?.[0];
  if (link?.contentHash === hash && newOutputs.length === 0) return undefined;
  const ifMatch = weak(server.meta?.versionId);
  const entry: BundleEntry = {
    fullUrl: `Task/${owner.taskId}`,
    resource: task,
    request: { method: 'PUT', url: `Task/${owner.taskId}`, ...(ifMatch ? { ifMatch } : {}) },
  };
  return {
    kind: 'task',
    recordId: owner.id,
    caseId: owner.id,
    seqs: change.seqs,
    hash,
    task,
    entries: withProvenance([entry], change, owner, hash, owner.updatedAt),
    ...(unlinkedOutputs ? { unlinkedOutputs } : {}),
  };
}

/** The EHR's Consent as the case now says it should be, or undefined when it already is. */
function consentChange(
  consent: CaseConsent,
  server: Consent,
  linkWorker: string,
): { updated: Consent; at: string } | undefined {
  if (consent.withdrawnAt !== undefined) {
    if (server.status === 'inactive' && server.provision?.period?.end !== undefined) {
      return undefined;
    }
    const updated = withdrawConsent(server, {
      date: consent.withdrawnAt,
      by: { reference: linkWorker, display: consent.withdrawnBy ?? 'Link worker' },
    });
    return { updated, at: consent.withdrawnAt };
  }
  // A Consent withdrawn or ended on the EHR is the GP's to change, not the sync's.
  if (server.status !== 'active' || researchPermitted(server) === consent.research) {
    return undefined;
  }
  return {
    updated: withResearchPermission(server, consent.research),
    at: consent.researchChangedAt ?? new Date().toISOString(),
  };
}

/**
 * What the link worker recorded of the Consent: a withdrawal, or the research permission given or
 * taken back; the EHR's Consent so changed (If-Match its version). Undefined when the EHR's copy
 * already says so; throws when there is no copy to update.
 */
export function consentUnit(change: RecordChanges, snap: CaseSnapshot): WriteUnit | undefined {
  const { consent, consentResource: server } = snap;
  if (consent === undefined) return undefined;
  if (consent.withdrawnAt === undefined && consent.researchChangedAt === undefined) {
    return undefined;
  }
  if (server === undefined || 'error' in server) {
    throw new Error(server?.error ?? 'The EHR copy of the Consent was not read.');
  }
  const wanted = consentChange(consent, server, change.linkWorker);
  if (wanted === undefined) return undefined;
  const { updated, at } = wanted;
  const hash = contentHash({ ...updated, meta: undefined });
  const url = `Consent/${String(server.id)}`;
  const ifMatch = weak(server.meta?.versionId);
  const entry: BundleEntry = {
    fullUrl: url,
    resource: updated,
    request: { method: 'PUT', url, ...(ifMatch ? { ifMatch } : {}) },
  };
  return {
    kind: 'consent',
    recordId: change.recordId,
    caseId: snap.record.id,
    seqs: change.seqs,
    hash,
    entries: withProvenance([entry], change, snap.record, hash, at),
  };
}

const CLOSED = new Set(['cancelled', 'completed', 'failed', 'rejected', 'entered-in-error']);

/**
 * The service's own earlier Task, once a GP's Task took the case over: cancelled as a duplicate
 * that names the Task the case continues on (If-Match its version). Undefined when the EHR no
 * longer has it, has closed it already, or it is not the service's own.
 */
export function supersedeUnit(change: RecordChanges, snap: CaseSnapshot): WriteUnit | undefined {
  const server = snap.superseded?.get(change.recordId);
  if (server === undefined) throw new Error('The earlier Task was not read from the EHR.');
  const owner = snap.record;
  if (server === null || CLOSED.has(server.status)) return undefined;
  if (server.requester?.reference !== `Organization/${owner.serviceOrg}`) return undefined;
  const holder = owner.assignedTo;
  const closed = supersededReferralTask(server, {
    replacedBy: `Task/${owner.taskId}`,
    at: owner.updatedAt,
    ...(holder === undefined
      ? {}
      : { by: { reference: holder, display: snap.names.get(holder) ?? holder } }),
  });
  const hash = contentHash({ ...closed, meta: undefined });
  const url = `Task/${change.recordId}`;
  const ifMatch = weak(server.meta?.versionId);
  const entry: BundleEntry = {
    fullUrl: url,
    resource: closed,
    request: { method: 'PUT', url, ...(ifMatch ? { ifMatch } : {}) },
  };
  return {
    kind: 'supersede',
    recordId: change.recordId,
    caseId: owner.id,
    seqs: change.seqs,
    hash,
    entries: withProvenance([entry], change, owner, hash, owner.updatedAt),
  };
}
