import { randomUUID } from 'node:crypto';
import type { BundleEntry, FhirResource, Reference, Task } from 'fhir/r4';
import {
  LINKWELL_IDENTIFIER_SYSTEMS,
  type ReferenceTo,
  type ReferralTaskOutput,
} from '@linkwell/profiles';
import type { CaseStore } from '../store/case-store';
import type { CaseRecord, ChangeKind, FhirLink, OutboxChange } from '../store/records';
import type { SyncStore } from '../store/sync-store';
import {
  QUESTIONNAIRE_RESPONSE_SYSTEM,
  contentHash,
  goalResource,
  mergeTask,
  onwardResource,
  outcomeResources,
  provenanceResource,
} from './mappers';

/** One record's writes: its resources' entries, then one Provenance naming the link worker. */
export interface WriteUnit {
  readonly kind: ChangeKind;
  readonly recordId: string;
  readonly caseId: string;
  readonly seqs: number[];
  readonly entries: BundleEntry[];
  readonly hash: string;
  /** Set for Task units: the Task sent, to be kept as the new snapshot. */
  readonly task?: Task;
}

/** A Task's content apart from meta, to tell whether an update would change anything. */
export function taskHash(task: Task): string {
  const content = { ...task };
  delete content.meta;
  return contentHash(content);
}

const urn = (): `urn:uuid:${string}` => `urn:uuid:${randomUUID()}`;
const weak = (version: string | undefined): string | undefined =>
  version === undefined ? undefined : `W/"${version}"`;

/** A create that matches on the business identifier, or an If-Match update once we know the id. */
function writeEntry(
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

function withProvenance(
  entries: BundleEntry[],
  change: OutboxChange,
  owner: CaseRecord,
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

const OUTPUT_TYPE: Record<string, string> = {
  Goal: 'Goal',
  Observation: 'Outcome measure',
  ServiceRequest: 'Onward referral',
};

/** Builds write units for a batch; records whose content is unchanged since the last sync yield none. */
export class UnitBuilder {
  /** Resources a conflict made us re-read, laid under our fields on the next attempt. */
  readonly serverCopies = new Map<string, FhirResource>();

  constructor(
    private readonly cases: CaseStore,
    private readonly sync: SyncStore,
  ) {}

  async recordUnit(
    change: OutboxChange,
    owner: CaseRecord,
    seqs: number[],
  ): Promise<WriteUnit | undefined> {
    const links = await this.sync.links(change.kind, change.recordId);
    const base = { kind: change.kind, recordId: change.recordId, caseId: owner.id, seqs };
    switch (change.kind) {
      case 'goal': {
        const goal = await this.cases.goal(change.recordId);
        if (goal === undefined) return undefined;
        const resource = this.overlay(goalResource(goal, owner), links[0]);
        const hash = contentHash(goalResource(goal, owner));
        if (links[0]?.contentHash === hash) return { ...base, entries: [], hash };
        const entry = writeEntry(
          resource,
          links[0],
          `${LINKWELL_IDENTIFIER_SYSTEMS.goal}|${goal.id}`,
        );
        return {
          ...base,
          hash,
          entries: withProvenance([entry], change, owner, hash, goal.createdAt),
        };
      }
      case 'onward': {
        const onward = await this.cases.onwardReferral(change.recordId);
        if (onward === undefined) return undefined;
        const plain = onwardResource(onward, owner);
        const hash = contentHash(plain);
        if (links[0]?.contentHash === hash) return { ...base, entries: [], hash };
        const entry = writeEntry(
          this.overlay(plain, links[0]),
          links[0],
          `${LINKWELL_IDENTIFIER_SYSTEMS.onwardReferral}|${onward.id}`,
        );
        return {
          ...base,
          hash,
          entries: withProvenance([entry], change, owner, hash, onward.authoredOn),
        };
      }
      case 'outcome': {
        const answers = await this.cases.answer(change.recordId);
        if (answers === undefined) return undefined;
        // Answers never change once given: written once, then there is nothing more to send.
        if (links.length > 0) return { ...base, entries: [], hash: links[0]?.contentHash ?? '' };
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
        return {
          ...base,
          hash,
          entries: withProvenance([qrEntry, ...obsEntries], change, owner, hash, answers.authored),
        };
      }
      case 'task':
        return undefined;
    }
  }

  /** The Task unit for a case: our fields over the last server copy, outputs included. */
  async taskUnit(
    owner: CaseRecord,
    change: OutboxChange,
    seqs: number[],
    newOutputs: readonly ReferralTaskOutput[],
  ): Promise<WriteUnit | undefined> {
    const server =
      (this.serverCopies.get(`Task/${owner.taskId}`) as Task | undefined) ?? owner.task;
    const outputs = [...(await this.linkedOutputs(owner)), ...newOutputs];
    const task = mergeTask(server, owner, outputs);
    const hash = taskHash(task);
    const links = await this.sync.links('task', owner.id);
    const base = { kind: 'task' as const, recordId: owner.id, caseId: owner.id, seqs, hash, task };
    if (links[0]?.contentHash === hash && newOutputs.length === 0) return { ...base, entries: [] };
    const version = server.meta?.versionId;
    const ifMatch = weak(version);
    const entry: BundleEntry = {
      fullUrl: `Task/${owner.taskId}`,
      resource: task,
      request: { method: 'PUT', url: `Task/${owner.taskId}`, ...(ifMatch ? { ifMatch } : {}) },
    };
    return { ...base, entries: withProvenance([entry], change, owner, hash, owner.updatedAt) };
  }

  /** Task outputs for what earlier syncs already wrote for this case. */
  private async linkedOutputs(owner: CaseRecord): Promise<ReferralTaskOutput[]> {
    const outputs: ReferralTaskOutput[] = [];
    const records = [
      ...(await this.cases.goals(owner.id))
        .filter((g) => g.shared)
        .map((g) => ['goal', g.id] as const),
      ...(await this.cases.answers(owner.id))
        .filter((a) => a.shared)
        .map((a) => ['outcome', a.id] as const),
      ...(await this.cases.onwardReferrals(owner.id))
        .filter((o) => o.shared)
        .map((o) => ['onward', o.id] as const),
    ];
    for (const [kind, id] of records) {
      for (const link of await this.sync.links(kind, id)) {
        const type = OUTPUT_TYPE[link.resourceType];
        if (type === undefined) continue;
        outputs.push({
          type,
          reference: `${link.resourceType}/${link.fhirId}` as ReferenceTo<'Goal'>,
        });
      }
    }
    return outputs;
  }

  /** Outputs a unit's new resources give the case's Task (urn:uuid references in the same Bundle). */
  static outputsOf(unit: WriteUnit): ReferralTaskOutput[] {
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

  private overlay<T extends FhirResource>(ours: T, link: FhirLink | undefined): T {
    if (link === undefined) return ours;
    const server = this.serverCopies.get(`${ours.resourceType}/${link.fhirId}`);
    return server === undefined ? ours : { ...server, ...ours, meta: server.meta };
  }
}
