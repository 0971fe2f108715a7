import { randomUUID } from 'node:crypto';
import type { Task } from 'fhir/r4';
import type { ReferralOpened, ReferralSource } from '@linkwell/contracts';
import type { ReferralNeed } from '@linkwell/profiles';
import { ApiError } from '../errors';
import { FhirGatewayError, type FhirGateway } from '../fhir/gateway';
import type { Logger } from '../log';
import type { ConsentStore } from '../store/consent-store';
import type { InboundHoldStore } from '../store/inbound-hold-store';
import type { InboundSync } from '../sync/inbound';
import type { IntakeStore, LocalPerson, SourceInput } from './intake-store';
import { intakeTransaction, taskIdOf } from './intake-transaction';
import { readPerson } from './people-search';

export interface IntakeDeps {
  readonly intake: IntakeStore;
  readonly gateway: FhirGateway;
  readonly inbound: InboundSync;
  readonly holds: InboundHoldStore;
  readonly consents: ConsentStore;
  readonly log: Logger;
}

/** A referral the service takes itself, as the API checked it. */
export interface IntakeRequest {
  readonly serviceOrg: string;
  readonly source: Omit<SourceInput, 'needs' | 'taskId' | 'recordedBy' | 'kind'> & {
    readonly kind: Exclude<ReferralSource, 'gp'>;
  };
  readonly needs: readonly ReferralNeed[];
  /** Exactly one: the person found on the EHR, or the person as recorded. */
  readonly who: { readonly patient: `Patient/${string}` } | { readonly person: LocalPerson };
  readonly writeBack: boolean;
  /** The person also agreed to de-identified use for research and service evaluation. */
  readonly research: boolean;
  readonly recordedBy: { readonly reference: `Practitioner/${string}`; readonly display: string };
}

const ehrFailed = (error: unknown): ApiError =>
  new ApiError(
    502,
    'ehr-unavailable',
    `The EHR did not take the referral${error instanceof FhirGatewayError && error.status !== undefined ? ` (it answered ${error.status})` : ''}; nothing was recorded, try again.`,
  );

/**
 * Opens a case from a source other than a GP's Task. For a person on the EHR the service writes
 * its own Consent + Referral + Task in one transaction and ingests the Task as it would a GP's,
 * so write-back works the same; a person with an open case gets the source added instead. A person
 * not registered gets a case in the store only, with what they agreed to as the link worker
 * recorded it.
 */
export async function openFromSource(
  deps: IntakeDeps,
  request: IntakeRequest,
): Promise<ReferralOpened> {
  const source: SourceInput = {
    ...request.source,
    needs: request.needs,
    recordedBy: request.recordedBy.reference,
  };
  if ('person' in request.who) {
    const person = request.who.person;
    const existing = await deps.intake.openLocalCaseOf(request.serviceOrg, person);
    if (existing !== undefined) {
      await deps.intake.addSource(existing, source);
      return { caseId: existing, linked: true, local: true };
    }
    const caseId = await deps.intake.openLocalCase(request.serviceOrg, person, source);
    await deps.consents.record(caseId, {
      consentRef: undefined,
      versionId: undefined,
      status: 'active',
      shareWithService: true,
      writeBack: request.writeBack,
      recordedAt: new Date().toISOString(),
      recordedBy: request.recordedBy.display,
      withdrawnAt: undefined,
      withdrawnBy: undefined,
      research: request.research,
    });
    deps.log.info('intake.local-case', { case: caseId });
    return { caseId, linked: false, local: true };
  }
  const patientRef = request.who.patient;
  let patient;
  try {
    patient = await readPerson(deps.gateway, patientRef);
  } catch (error) {
    throw ehrFailed(error);
  }
  if (patient === undefined) {
    throw new ApiError(422, 'person-not-found', `There is no ${patientRef} on the EHR.`, 'patient');
  }
  const open = await deps.intake.openCaseOf(request.serviceOrg, patientRef);
  if (open !== undefined) {
    await deps.intake.addSource(open.id, source);
    return { caseId: open.id, linked: true, local: open.taskId === undefined };
  }
  const bundle = intakeTransaction({
    intakeId: randomUUID(),
    patientRef,
    serviceOrg: request.serviceOrg,
    source: request.source.kind,
    needs: request.needs,
    writeBack: request.writeBack,
    research: request.research,
    recordedBy: request.recordedBy,
    now: new Date().toISOString(),
  });
  let task: Task;
  try {
    const taskId = taskIdOf(await deps.gateway.transaction(bundle));
    if (taskId === undefined) throw new FhirGatewayError(undefined, 'no Task in the answer');
    task = await deps.gateway.read<Task>('Task', taskId);
  } catch (error) {
    throw ehrFailed(error);
  }
  // The same checked ingest as a GP's Task (a notification may get there first: one case).
  const outcome = await deps.inbound.ingest(task);
  const known = await deps.holds.caseOfTask(task.id ?? '');
  if (known === undefined || outcome === 'held') {
    throw new ApiError(
      502,
      'ehr-unavailable',
      'The EHR has the referral but it could not be read back; it will be picked up by the next poll.',
    );
  }
  await deps.intake.addSource(known.caseId, { ...source, taskId: task.id });
  deps.log.info('intake.case-opened', { case: known.caseId, task: task.id });
  return { caseId: known.caseId, linked: false, local: false };
}
