import type { Patient, ServiceRequest, Task } from 'fhir/r4';
import type { FhirGateway } from '../fhir/gateway';
import type { IntakeStore, LocalPerson } from './intake-store';
import { NHS_NUMBER_SYSTEM, readPerson } from './people-search';

/** The Patient's name, birth date and NHS number, to match a local-only case by. */
export function matchingFacts(patient: Patient): LocalPerson | undefined {
  const name = patient.name?.find((n) => n.use === 'official') ?? patient.name?.[0];
  const given = name?.given?.[0];
  if (name?.family === undefined || given === undefined || patient.birthDate === undefined) {
    return undefined;
  }
  return {
    given,
    family: name.family,
    birthDate: patient.birthDate.slice(0, 10),
    nhsNumber: patient.identifier?.find((i) => i.system === NHS_NUMBER_SYSTEM)?.value,
  };
}

/**
 * A GP's referral of someone the service already has an open case for, opened from another source,
 * is linked to that case, not made a second one: a case of the same Patient whose Task the service
 * wrote itself, or a local-only case of the same person (same NHS number, or same name and birth
 * date). The GP's Task becomes the case's link to the EHR and the GP joins the case's sources.
 * Returns the case id, or undefined when the referral makes a case of its own.
 */
export async function linkToOpenCase(
  intake: IntakeStore,
  gateway: FhirGateway,
  serviceOrg: string,
  task: Task & { id: string },
  refs: { referralRef: `ServiceRequest/${string}`; patientRef: `Patient/${string}` },
  referral: ServiceRequest | undefined,
  /** The EHR endpoint the GP's Task came from (a Patient id is that server's). */
  endpoint: string,
): Promise<string | undefined> {
  const open = await intake.openCaseOf(serviceOrg, refs.patientRef, endpoint);
  if (open?.taskId === task.id) return undefined;
  // Only a case the service opened itself is joined; two GP referrals stay two cases, as before.
  if (open !== undefined && open.task?.requester?.reference !== `Organization/${serviceOrg}`) {
    return undefined;
  }
  let caseId = open?.id;
  if (caseId === undefined) {
    const patient = await readPerson(gateway, refs.patientRef);
    const facts = patient === undefined ? undefined : matchingFacts(patient);
    caseId = facts === undefined ? undefined : await intake.openLocalCaseOf(serviceOrg, facts);
  }
  if (caseId === undefined) return undefined;
  const needs = (referral?.reasonCode ?? []).flatMap((c) =>
    (c.coding ?? []).flatMap((coding) => (coding.code === undefined ? [] : [coding.code])),
  );
  await intake.linkTask(caseId, task, refs, { kind: 'gp', needs, taskId: task.id }, endpoint);
  return caseId;
}
