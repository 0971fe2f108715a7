import type { Consent, Task } from 'fhir/r4';
import type { FhirGateway } from '../fhir/gateway';
import { FhirGatewayError } from '../fhir/gateway';
import type { CaseStore, Closure, StatusHistoryEntry } from '../store/case-store';
import type {
  CaseConsent,
  ChangeKind,
  ContactAttempt,
  FhirLink,
  GoalRecord,
  OnwardReferralRecord,
  QuestionnaireAnswersRecord,
  LinkedCase,
} from '../store/records';
import { linkedCase } from '../store/records';
import type { ConsentLookup, SyncStore } from '../store/sync-store';
import type { CarePlanParts, CarePlanStore } from '../care-plan/care-plan-store';
import type { RiskRecord, RiskStore } from '../risk/risk-store';
import type { DirectoryNames, ServiceInfo } from './plan-names';
import type { RecordChanges } from './units';

/** Everything PLAN needs about one case, read before planning so planning itself does no I/O. */
export interface CaseSnapshot {
  readonly record: LinkedCase;
  readonly consent: CaseConsent | undefined;
  readonly history: readonly StatusHistoryEntry[];
  readonly closure: Closure | undefined;
  readonly goals: readonly GoalRecord[];
  readonly answers: readonly QuestionnaireAnswersRecord[];
  readonly onward: readonly OnwardReferralRecord[];
  readonly contacts: readonly ContactAttempt[];
  /** The case's risks (those marked for the GP go back as Flags). */
  readonly risks: readonly RiskRecord[];
  /** The care plan's parts, read when the plan is to be written. */
  readonly carePlan: CarePlanParts | undefined;
  /** The FHIR resources earlier syncs wrote, by `${kind}/${recordId}`. */
  readonly links: ReadonlyMap<string, readonly FhirLink[]>;
  /** Practitioner names by reference (the case holder, and who closed the case). */
  readonly names: ReadonlyMap<string, string>;
  /** The service's name and contact, read when a closing summary is to be written. */
  readonly service: ServiceInfo | undefined;
  /** The EHR's copy of the case's Consent, read when a withdrawal is to be sent. */
  readonly consentResource: Consent | { readonly error: string } | undefined;
  /**
   * The service's own earlier Tasks a GP's Task took over (by id, as the EHR has them now; null
   * when it has them no more), read when they are to be closed.
   */
  readonly superseded?: ReadonlyMap<string, Task | null>;
}

export interface PlanSources {
  readonly cases: CaseStore;
  readonly sync: SyncStore;
  readonly consents: ConsentLookup;
  readonly gateway: FhirGateway;
  readonly directory: DirectoryNames;
  readonly risks?: RiskStore;
  readonly carePlans?: CarePlanStore;
}

export const linkKey = (kind: ChangeKind, recordId: string): string => `${kind}/${recordId}`;

async function readConsent(
  gateway: FhirGateway,
  consent: CaseConsent | undefined,
): Promise<CaseSnapshot['consentResource']> {
  const id = consent?.consentRef?.replace(/^Consent\//, '');
  if (id === undefined) return { error: 'The case has no Consent on the EHR to withdraw.' };
  try {
    return await gateway.read<Consent>('Consent', id);
  } catch (error) {
    // Unreachable or overloaded: the run stalls and tries again; anything else is held.
    if (error instanceof FhirGatewayError && !error.retryable) {
      return { error: `The EHR refused to show Consent/${id}: ${error.message}` };
    }
    throw error;
  }
}

/** The EHR's current copies of Tasks to close; null for one it no longer has (gone or deleted). */
async function readSuperseded(
  gateway: FhirGateway,
  ids: readonly string[],
): Promise<Map<string, Task | null>> {
  const found = new Map<string, Task | null>();
  for (const id of ids) {
    try {
      found.set(id, await gateway.read<Task>('Task', id));
    } catch (error) {
      if (error instanceof FhirGatewayError && (error.status === 404 || error.status === 410)) {
        found.set(id, null);
      } else throw error;
    }
  }
  return found;
}

/** Reads each case a batch of changes touches; cases that no longer exist are left out. */
export async function loadSnapshots(
  changes: readonly RecordChanges[],
  sources: PlanSources,
): Promise<Map<string, CaseSnapshot>> {
  const snapshots = new Map<string, CaseSnapshot>();
  for (const caseId of new Set(changes.map((c) => c.caseId))) {
    // A case not (yet) linked to the EHR has nothing to write back (its changes are not queued).
    const record = linkedCase(await sources.cases.getCase(caseId));
    if (record === undefined) continue;
    const [consent, history, closure, goals, answers, onward, contacts] = await Promise.all([
      sources.consents.consentOf(caseId),
      sources.cases.statusHistory(caseId),
      sources.cases.closure(caseId),
      sources.cases.goals(caseId),
      sources.cases.answers(caseId),
      sources.cases.onwardReferrals(caseId),
      sources.cases.contactAttempts(caseId),
    ]);
    const risks = (await sources.risks?.risks(caseId)) ?? [];
    const mineKinds = new Set(changes.filter((c) => c.caseId === caseId).map((c) => c.kind));
    const carePlan = mineKinds.has('careplan') ? await sources.carePlans?.parts(caseId) : undefined;
    const recordIds = [caseId, ...goals, ...answers, ...onward, ...risks].map((r) =>
      typeof r === 'string' ? r : r.id,
    );
    const links = new Map<string, FhirLink[]>();
    for (const link of await sources.sync.linksOf(recordIds)) {
      const key = linkKey(link.kind, link.recordId);
      links.set(key, [...(links.get(key) ?? []), link]);
    }
    const mine = changes.filter((c) => c.caseId === caseId);
    const summary = mine.some((c) => c.kind === 'summary');
    // Names only where they are written: the case holder and who made each step on the Task, the
    // closer in the summary.
    const people = new Set<string>([
      ...(record.assignedTo === undefined ? [] : [record.assignedTo]),
      ...history.flatMap((h) => (h.by === undefined ? [] : [h.by])),
      ...(summary ? mine.filter((c) => c.kind === 'summary').map((c) => c.linkWorker) : []),
    ]);
    const names = new Map<string, string>();
    for (const person of people) names.set(person, await sources.directory.personName(person));
    snapshots.set(caseId, {
      record,
      consent,
      history,
      closure,
      goals,
      answers,
      onward,
      contacts,
      risks,
      carePlan,
      links,
      names,
      service: summary ? await sources.directory.service(record.serviceOrg) : undefined,
      consentResource: mine.some((c) => c.kind === 'consent')
        ? await readConsent(sources.gateway, consent)
        : undefined,
      ...(mineKinds.has('supersede')
        ? {
            superseded: await readSuperseded(
              sources.gateway,
              mine.filter((c) => c.kind === 'supersede').map((c) => c.recordId),
            ),
          }
        : {}),
    });
  }
  return snapshots;
}
