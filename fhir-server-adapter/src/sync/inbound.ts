import { createHash } from 'node:crypto';
import type { Bundle, Subscription, Task } from 'fhir/r4';
import type { FhirGateway } from '../fhir/gateway';
import type { Logger } from '../log';
import type { CaseStore } from '../store/case-store';
import type { SyncStore } from '../store/sync-store';

const CURSOR_KEY = 'inbound.task-cursor';
/** Poll a little behind the cursor: Tasks committed in the same instant are seen, then de-duplicated. */
const CURSOR_OVERLAP_MS = 1000;

export interface InboundReport {
  seen: number;
  created: number;
}

/** Inbound sync: new Tasks owned by the service become cases, exactly once. */
export class InboundSync {
  private polling: Promise<InboundReport> | undefined;

  constructor(
    private readonly cases: CaseStore,
    private readonly sync: SyncStore,
    private readonly gateway: FhirGateway,
    private readonly serviceOrg: string,
    private readonly log: Logger,
  ) {}

  /** Takes one Task (from a poll or a notification): a case when new, a fresh snapshot otherwise. */
  async ingest(task: Task): Promise<boolean> {
    if (task.id === undefined || task.owner?.reference !== `Organization/${this.serviceOrg}`) {
      return false;
    }
    const referralRef = task.focus?.reference;
    const patientRef = task.for?.reference;
    if (!referralRef?.startsWith('ServiceRequest/') || !patientRef?.startsWith('Patient/')) {
      this.log.warn('inbound.task-skipped', {
        task: task.id,
        why: 'no focus Referral or for Patient',
      });
      return false;
    }
    const { created, record } = await this.cases.ingestTask({
      serviceOrg: this.serviceOrg,
      task: task as Task & { id: string },
      referralRef,
      patientRef,
    });
    if (created) this.log.info('inbound.case-created', { case: record.id, task: task.id });
    return created;
  }

  /** Reads the notified Task from the server (the notification body is not trusted) and ingests it. */
  async notified(taskId: string): Promise<boolean> {
    const task = await this.gateway.read<Task>('Task', taskId);
    return this.ingest(task);
  }

  /** `Task?owner=…&_lastUpdated=gt<cursor>`, every page; moves the cursor only after success. */
  poll(): Promise<InboundReport> {
    this.polling ??= this.pollOnce().finally(() => (this.polling = undefined));
    return this.polling;
  }

  private async pollOnce(): Promise<InboundReport> {
    const cursor = await this.sync.getState(CURSOR_KEY);
    const params: Record<string, string> = {
      owner: `Organization/${this.serviceOrg}`,
      _sort: '_lastUpdated',
      _count: '100',
    };
    if (cursor !== undefined) {
      params._lastUpdated = `gt${new Date(Date.parse(cursor) - CURSOR_OVERLAP_MS).toISOString()}`;
    }
    const report: InboundReport = { seen: 0, created: 0 };
    let newest = cursor;
    let page: Bundle | undefined = await this.gateway.search('Task', params);
    while (page !== undefined) {
      for (const entry of page.entry ?? []) {
        const task = entry.resource as Task | undefined;
        if (task?.resourceType !== 'Task') continue;
        report.seen += 1;
        if (await this.ingest(task)) report.created += 1;
        const updated = task.meta?.lastUpdated;
        if (
          updated !== undefined &&
          (newest === undefined || Date.parse(updated) > Date.parse(newest))
        ) {
          newest = updated;
        }
      }
      page = await this.gateway.nextPage(page);
    }
    if (newest !== undefined && newest !== cursor) await this.sync.setState(CURSOR_KEY, newest);
    if (report.created > 0) this.log.info('inbound.polled', { ...report });
    return report;
  }

  /** PUTs the service's rest-hook Subscription with a stable id, so restarts never add another. */
  async subscribe(endpoint: string, secret: string): Promise<string> {
    const id = `linkwell-adapter-${createHash('sha256').update(`${this.serviceOrg}|${endpoint}`).digest('hex').slice(0, 24)}`;
    const subscription: Subscription = {
      resourceType: 'Subscription',
      id,
      status: 'requested',
      reason: 'New referrals for the link-worker service',
      criteria: `Task?owner=Organization/${this.serviceOrg}`,
      channel: {
        type: 'rest-hook',
        endpoint,
        payload: 'application/fhir+json',
        header: [`Authorization: Bearer ${secret}`],
      },
    };
    await this.gateway.request('PUT', `Subscription/${id}`, subscription);
    return id;
  }
}
