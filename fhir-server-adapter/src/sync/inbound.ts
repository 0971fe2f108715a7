import type { Consent, Task } from 'fhir/r4';
import { DEFAULT_ENDPOINT, endpointStateKey } from '../ehr-endpoints';
import { FhirGatewayError, type FhirGateway } from '../fhir/gateway';
import type { Logger } from '../log';
import type { CaseStore } from '../store/case-store';
import type { ConsentStore } from '../store/consent-store';
import type { InboundHoldStore } from '../store/inbound-hold-store';
import { referredRisks } from '../risk/referral-risks';
import type { RiskStore } from '../risk/risk-store';
import type { SyncStore } from '../store/sync-store';
import type { IntakeStore } from '../intake/intake-store';
import { linkToOpenCase } from '../intake/inbound-link';
import { consentFacts, taskShape, type TaskShape } from './inbound-checks';
import { checkReferral } from './inbound-referral';
import {
  criteriaFor,
  hookSubscription,
  pollSince,
  type WatchedType,
} from './inbound-subscriptions';

const TASK_CURSOR = 'inbound.task-cursor';
const CONSENT_CURSOR = 'inbound.consent-cursor';

export interface InboundReport {
  seen: number;
  created: number;
  held: number;
  consents: number;
}

/** Where ingest records held Tasks and the consent each case starts with. */
export interface InboundStores {
  readonly holds: InboundHoldStore;
  readonly consents: ConsentStore;
  /** Where the referral's risk Flags and communication needs are kept. */
  readonly risks?: RiskStore;
  /** Cases opened from other sources: a GP's referral of the same person is linked to them. */
  readonly intake?: IntakeStore;
}

type ReferralShape = Extract<TaskShape, { kind: 'referral' }>;

const gone = (error: unknown): boolean =>
  error instanceof FhirGatewayError && (error.status === 404 || error.status === 410);

/**
 * Inbound sync: a Task owned by the service becomes a case exactly once, and only when what it
 * points at checks out (see inbound-checks.ts); otherwise it is held for review. Consents of the
 * service's cases are kept fresh. Without `stores` (unit tests of other parts) a Task that fails
 * the checks is skipped and no consent is recorded.
 */
export class InboundSync {
  private polling: Promise<InboundReport> | undefined;

  constructor(
    private readonly cases: CaseStore,
    private readonly sync: SyncStore,
    private readonly gateway: FhirGateway,
    private readonly serviceOrg: string,
    private readonly log: Logger,
    private readonly stores?: InboundStores,
    /** The EHR endpoint this gateway reaches: its Tasks' cases, holds and cursors carry its id. */
    readonly endpoint: string = DEFAULT_ENDPOINT,
  ) {}

  /** Takes one Task (from a poll or a notification): a case when new and sound, else a hold. */
  async ingest(task: Task): Promise<'created' | 'linked' | 'refreshed' | 'held' | 'ignored'> {
    if (task.id === undefined) return 'ignored';
    const withId = task as Task & { id: string };
    const shape = taskShape(task, this.serviceOrg);
    if (shape.kind === 'not-ours') return 'ignored';
    if (shape.kind === 'held') return this.hold(withId, shape.reason);
    const known = await this.stores?.holds.caseOfTask(task.id, this.endpoint);
    if (known !== undefined) {
      if (known.referralRef !== shape.referralRef || known.patientRef !== shape.patientRef) {
        return this.hold(
          withId,
          `Task/${task.id} now points at another Referral or patient than its case; the case keeps the first.`,
        );
      }
      await this.cases.refreshTaskSnapshot(withId, this.endpoint);
      if ((await this.stores?.consents.consentOf(known.caseId)) !== undefined) return 'refreshed';
    } else if ((await this.stores?.intake?.caseOfSourceTask(task.id)) !== undefined) {
      // A Task that was a case's link before a GP's referral of the same person took over.
      return 'refreshed';
    }
    return this.createCase(withId, shape, known === undefined);
  }

  private async createCase(
    task: Task & { id: string },
    shape: ReferralShape,
    isNew: boolean,
  ): Promise<'created' | 'linked' | 'refreshed' | 'held'> {
    const checked = await checkReferral(this.gateway, shape, this.serviceOrg);
    if (checked.problem !== undefined) return this.hold(task, checked.problem);
    const linkedTo =
      isNew && this.stores?.intake !== undefined
        ? await linkToOpenCase(
            this.stores.intake,
            this.gateway,
            this.serviceOrg,
            task,
            shape,
            checked.referral,
            this.endpoint,
          )
        : undefined;
    const { created, record } =
      linkedTo === undefined
        ? await this.cases.ingestTask({
            serviceOrg: this.serviceOrg,
            task,
            referralRef: shape.referralRef,
            patientRef: shape.patientRef,
            endpoint: this.endpoint,
          })
        : { created: false, record: { id: linkedTo } };
    await this.stores?.consents.record(record.id, checked.consent);
    if (this.stores?.risks !== undefined && checked.referral !== undefined) {
      const referred = await referredRisks(this.gateway, checked.referral);
      await this.stores.risks.fromReferral(record.id, referred.risks, referred.communication);
    }
    await this.stores?.holds.resolve(task.id, this.endpoint);
    if (linkedTo !== undefined) {
      this.log.info('inbound.referral-linked', {
        case: linkedTo,
        task: task.id,
        endpoint: this.endpoint,
      });
      return 'linked';
    }
    if (created) {
      this.log.info('inbound.case-created', {
        case: record.id,
        task: task.id,
        endpoint: this.endpoint,
      });
    }
    return created ? 'created' : 'refreshed';
  }

  private async hold(task: Task & { id: string }, reason: string): Promise<'held'> {
    this.log.warn('inbound.task-held', { task: task.id, endpoint: this.endpoint });
    await this.stores?.holds.hold(
      this.serviceOrg,
      task.id,
      reason,
      task.meta?.versionId,
      this.endpoint,
    );
    return 'held';
  }

  /** Keeps the cases that rely on this Consent up to date; returns how many it touched. */
  async consentChanged(consent: Consent): Promise<number> {
    if (consent.id === undefined || this.stores === undefined) return 0;
    let touched = 0;
    for (const caseId of await this.stores.consents.casesWithConsent(consent.id)) {
      const record = await this.cases.getCase(caseId);
      // Consent ids are the server's: another endpoint's Consent of the same id is another one.
      if (record?.patientRef === undefined || record.endpoint !== this.endpoint) continue;
      await this.stores.consents.record(
        caseId,
        consentFacts(consent, this.serviceOrg, record.patientRef),
      );
      touched += 1;
    }
    if (touched > 0) this.log.info('inbound.consent-refreshed', { consent: consent.id, touched });
    return touched;
  }

  /** Reads the notified resource from the server (the notification body is not trusted). */
  async notified(id: string, type: WatchedType = 'Task'): Promise<boolean> {
    try {
      if (type === 'Consent') {
        return (await this.consentChanged(await this.gateway.read<Consent>('Consent', id))) > 0;
      }
      const outcome = await this.ingest(await this.gateway.read<Task>('Task', id));
      return outcome === 'created' || outcome === 'linked';
    } catch (error) {
      if (gone(error)) return false;
      throw error;
    }
  }

  /** Catch-up: the service's Tasks and Consents changed since the cursors, every page. */
  poll(): Promise<InboundReport> {
    this.polling ??= this.pollOnce().finally(() => (this.polling = undefined));
    return this.polling;
  }

  private async pollOnce(): Promise<InboundReport> {
    const report: InboundReport = { seen: 0, created: 0, held: 0, consents: 0 };
    const owner = `Organization/${this.serviceOrg}`;
    report.seen = await pollSince<Task>(
      this.gateway,
      this.sync,
      endpointStateKey(TASK_CURSOR, this.endpoint),
      'Task',
      { owner },
      async (task) => {
        const outcome = await this.ingest(task);
        if (outcome === 'created' || outcome === 'linked') report.created += 1;
        if (outcome === 'held') report.held += 1;
      },
    );
    if (this.stores !== undefined) {
      await pollSince<Consent>(
        this.gateway,
        this.sync,
        endpointStateKey(CONSENT_CURSOR, this.endpoint),
        'Consent',
        { actor: owner },
        async (consent) => {
          report.consents += await this.consentChanged(consent);
        },
      );
    }
    if (report.created + report.held + report.consents > 0) {
      this.log.info('inbound.polled', { ...report, endpoint: this.endpoint });
    }
    return report;
  }

  /** PUTs the service's rest-hook Subscriptions (Tasks, and Consents when stores are given). */
  async subscribe(endpoint: string, secret: string): Promise<string[]> {
    const ids: string[] = [];
    for (const type of this.watched()) {
      const subscription = hookSubscription(type, this.serviceOrg, endpoint, secret);
      await this.gateway.request('PUT', `Subscription/${subscription.id}`, subscription);
      ids.push(subscription.id);
    }
    return ids;
  }

  /** Switches the Subscriptions off (status `off`), e.g. when a test adapter stops for good. */
  async unsubscribe(endpoint: string, secret: string): Promise<void> {
    for (const type of this.watched()) {
      const subscription = hookSubscription(type, this.serviceOrg, endpoint, secret, 'off');
      await this.gateway.request('PUT', `Subscription/${subscription.id}`, subscription);
    }
  }

  private watched(): WatchedType[] {
    return this.stores === undefined ? ['Task'] : ['Task', 'Consent'];
  }

  /** The search criteria a watched type's Subscription uses (for diagnostics and tests). */
  criteria(type: WatchedType): string {
    return criteriaFor(type, this.serviceOrg);
  }
}
