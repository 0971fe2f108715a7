import { randomUUID } from 'node:crypto';
import type { BundleEntry, FhirResource, Reference, Task } from 'fhir/r4';
import {
  LINKWELL_IDENTIFIER_SYSTEMS,
  type ReferenceTo,
  type ReferralTaskOutput,
} from '@linkwell/profiles';
import type { LinkedCase, ChangeKind, FhirLink } from '../store/records';
import {
  QUESTIONNAIRE_RESPONSE_SYSTEM,
  contentHash,
  goalResource,
  outcomeResources,
  provenanceResource,
} from './mappers';
import { onwardUnit } from './onward-unit';
import { CARE_PLAN_URLS, RISK_URLS } from '@linkwell/profiles';
import { carePlanResource } from '../care-plan/care-plan-resource';
import { riskFlagResource } from '../risk/risk-flag';
import { linkKey, type CaseSnapshot } from './plan-input';

// Pure builders of write units: one record's entries (its resources, then a Provenance).

export interface WriteUnit {
  readonly kind: ChangeKind;
  readonly recordId: string;
  readonly caseId: string;
  readonly seqs: number[];
  readonly entries: BundleEntry[];
  readonly hash: string;
  /** Set for Task units: the Task sent, to be kept as the new snapshot. */
  readonly task?: Task;
  /**
   * Set on a Task unit that adds outputs while the server's Task already lists outputs the store
   * has no link for: perhaps writes of a run whose bookkeeping was lost (see adopt-created.ts).
   */
  readonly unlinkedOutputs?: boolean;
}

/** The outbox rows of one record in a batch (latest state wins), and who made the last change. */
export interface RecordChanges {
  readonly kind: ChangeKind;
  readonly recordId: string;
  readonly caseId: string;
  readonly seqs: number[];
  readonly linkWorker: string;
}

/** Resources a conflict made us re-read, laid under our fields on the next attempt. */
export type ServerCopies = ReadonlyMap<string, FhirResource>;

/** A Task's content apart from meta, to tell whether an update would change anything. */
export function taskHash(task: Task): string {
  const content = { ...task };
  delete content.meta;
  return contentHash(content);
}

export const urn = (): `urn:uuid:${string}` => `urn:uuid:${randomUUID()}`;
export const weak = (version: string | undefined): string | undefined =>
  version === undefined ? undefined : `W/"${version}"`;

/** A create that matches on the business identifier, or an If-Match update once we know the id. */
export function writeEntry(
  resource: FhirResource,
  link: FhirLink | undefined,
  identifier: string,
): BundleEntry {
  const type = resource.resourceType;
  if (link !== undefined) {
    const ifMatch = weak(link.versionId);
    return {
      fullUrl: `${type}/${link.fhirId}`,
      resource: { ...resource, id: link.fhirId },
      request: { method: 'PUT', url: `${type}/${link.fhirId}`, ...(ifMatch ? { ifMatch } : {}) },
    };
  }
  return {
    fullUrl: urn(),
    resource,
    request: { method: 'POST', url: type, ifNoneExist: `identifier=${identifier}` },
  };
}

export function withProvenance(
  entries: BundleEntry[],
  change: RecordChanges,
  owner: LinkedCase,
  hash: string,
  recorded: string,
): BundleEntry[] {
  const targets: Reference[] = entries.map((e) => ({ reference: e.fullUrl ?? '' }));
  const id = `lwprov-${contentHash([change.kind, change.recordId, hash])}`;
  const provenance = provenanceResource(id, targets, change.linkWorker, owner.serviceOrg, recorded);
  return [
    ...entries,
    {
      fullUrl: `Provenance/${id}`,
      resource: provenance,
      request: { method: 'PUT', url: `Provenance/${id}` },
    },
  ];
}

export function overlay<T extends FhirResource>(
  ours: T,
  link: FhirLink | undefined,
  copies: ServerCopies,
): T {
  const server = link === undefined ? undefined : copies.get(`${ours.resourceType}/${link.fhirId}`);
  return server === undefined ? ours : { ...server, ...ours, meta: server.meta };
}

/**
 * A goal's, answers' or onward referral's unit: undefined when there is nothing to write (the
 * record is gone, no longer shared, or unchanged since it was last written). Mappers may throw.
 */
export function recordUnit(
  change: RecordChanges,
  snap: CaseSnapshot,
  copies: ServerCopies,
): WriteUnit | undefined {
  const owner = snap.record;
  const link = snap.links.get(linkKey(change.kind, change.recordId))?.[0];
  const base = {
    kind: change.kind,
    recordId: change.recordId,
    caseId: owner.id,
    seqs: change.seqs,
  };
  const single = (plain: FhirResource, system: string, recorded: string): WriteUnit | undefined => {
    const hash = contentHash(plain);
    if (link?.contentHash === hash) return undefined;
    const entry = writeEntry(overlay(plain, link, copies), link, `${system}|${change.recordId}`);
    return { ...base, hash, entries: withProvenance([entry], change, owner, hash, recorded) };
  };
  switch (change.kind) {
    case 'goal': {
      const goal = snap.goals.find((g) => g.id === change.recordId);
      if (goal?.shared !== true) return undefined;
      return single(goalResource(goal, owner), LINKWELL_IDENTIFIER_SYSTEMS.goal, goal.createdAt);
    }
    case 'onward': {
      const onward = snap.onward.find((o) => o.id === change.recordId);
      if (onward?.shared !== true) return undefined;
      return onwardUnit(base, onward, snap, copies, change);
    }
    case 'outcome': {
      const answers = snap.answers.find((a) => a.id === change.recordId);
      // Answers never change once given: written once, then there is nothing more to send.
      if (answers?.shared !== true || link !== undefined) return undefined;
      const qrUrn = urn();
      const { questionnaireResponse, observations } = outcomeResources(answers, owner, qrUrn);
      const hash = contentHash(questionnaireResponse.item);
      const qrEntry: BundleEntry = {
        fullUrl: qrUrn,
        resource: questionnaireResponse,
        request: {
          method: 'POST',
          url: 'QuestionnaireResponse',
          ifNoneExist: `identifier=${QUESTIONNAIRE_RESPONSE_SYSTEM}|${answers.id}`,
        },
      };
      const obsEntries = observations.map((o) =>
        writeEntry(
          o,
          undefined,
          `${LINKWELL_IDENTIFIER_SYSTEMS.outcome}|${o.identifier?.[0]?.value ?? ''}`,
        ),
      );
      const entries = withProvenance(
        [qrEntry, ...obsEntries],
        change,
        owner,
        hash,
        answers.authored,
      );
      return { ...base, hash, entries };
    }
    case 'risk': {
      const risk = snap.risks.find((r) => r.id === change.recordId);
      if (risk?.shareWithGp !== true) return undefined;
      const plain = riskFlagResource(risk, owner);
      return single(plain, RISK_URLS.riskFlagIdentifier, risk.reviewedAt ?? risk.recordedAt);
    }
    case 'careplan': {
      const parts = snap.carePlan;
      if (parts?.plan?.shared !== true) return undefined;
      const linked = (kind: 'goal' | 'onward', ids: readonly string[], type: string) =>
        ids.flatMap((id) =>
          (snap.links.get(linkKey(kind, id)) ?? []).filter((l) => l.resourceType === type),
        );
      const plain = carePlanResource(parts, owner, change.linkWorker, {
        goals: linked(
          'goal',
          snap.goals.filter((g) => g.shared).map((g) => g.id),
          'Goal',
        ),
        onward: linked(
          'onward',
          snap.onward.filter((o) => o.shared).map((o) => o.id),
          'ServiceRequest',
        ),
      });
      return single(plain, CARE_PLAN_URLS.identifier, parts.plan.updatedAt);
    }
    case 'task':
    case 'summary':
    case 'consent':
    case 'supersede':
      return undefined;
  }
}

export const OUTPUT_TYPE: Record<string, string> = {
  Goal: 'Goal',
  Observation: 'Outcome measure',
  ServiceRequest: 'Onward referral',
};

/** Task outputs for what earlier syncs already wrote for this case's shared records. */
export function linkedOutputs(snap: CaseSnapshot): ReferralTaskOutput[] {
  const records = [
    ...snap.goals.filter((g) => g.shared).map((g) => linkKey('goal', g.id)),
    ...snap.answers.filter((a) => a.shared).map((a) => linkKey('outcome', a.id)),
    ...snap.onward.filter((o) => o.shared).map((o) => linkKey('onward', o.id)),
  ];
  return records.flatMap((key) =>
    (snap.links.get(key) ?? []).flatMap((link) => {
      const type = OUTPUT_TYPE[link.resourceType];
      return type === undefined
        ? []
        : [{ type, reference: `${link.resourceType}/${link.fhirId}` as ReferenceTo<'Goal'> }];
    }),
  );
}

/** Outputs a unit's new resources give the case's Task (urn:uuid references in the same Bundle). */
export function outputsOf(unit: WriteUnit): ReferralTaskOutput[] {
  return unit.entries
    .filter(
      (e) =>
        e.request?.method === 'POST' && OUTPUT_TYPE[e.resource?.resourceType ?? ''] !== undefined,
    )
    .map((e) => ({
      type: OUTPUT_TYPE[e.resource?.resourceType ?? ''] ?? '',
      reference: e.fullUrl as ReferenceTo<'Goal'>,
    }));
}
