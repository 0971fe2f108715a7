import type { FhirResource } from 'fhir/r4';
import { primaryPatientIs } from './compartment';
import type { EhrConfig } from './config';
import { forbidden, notKnown, preconditionFailed } from './outcome';
import { callUpstream } from './upstream';
import { checkWrite, type WriteContext } from './write-policy';

/** A resource of the launch patient as HAPI holds it now: what a confined change is checked on. */
export interface OwnResource {
  readonly resource: FhirResource;
  readonly versionId?: string;
}

/**
 * Loads `Type/id` for a confined update, patch or delete. Missing, deleted and another patient's
 * all give the same 404 (`notKnown`): no way to tell them apart from outside.
 */
export async function loadOwn(
  config: EhrConfig,
  reference: string,
  patient: string,
): Promise<OwnResource> {
  const current = await callUpstream(`${config.fhirUpstream}/${reference}`, 'GET', {});
  const resource = current.json;
  if (current.status !== 200 || resource === undefined || !primaryPatientIs(resource, patient)) {
    throw notKnown(reference);
  }
  return { resource, versionId: resource.meta?.versionId };
}

/** The version a confined change is conditional on: the client's If-Match, which must be what was checked. */
export function ifMatchFor(
  clientIfMatch: string | undefined,
  own: OwnResource,
): string | undefined {
  if (own.versionId === undefined) return clientIfMatch;
  const checked = `W/"${own.versionId}"`;
  if (clientIfMatch !== undefined) {
    const version = /^(?:W\/)?"([^"]+)"$/.exec(clientIfMatch.trim())?.[1];
    if (version !== own.versionId) {
      throw preconditionFailed('the resource has changed since the version in If-Match');
    }
  }
  return checked;
}

/**
 * Every patient-compartment resource a write refers to must be the launch patient's; missing and
 * another patient's read the same.
 */
export async function checkTargets(
  config: EhrConfig,
  references: readonly string[],
  patient: string,
  label = 'the resource',
): Promise<void> {
  for (const reference of references) {
    const target = await callUpstream(`${config.fhirUpstream}/${reference}`, 'GET', {});
    if (
      target.status !== 200 ||
      target.json === undefined ||
      !primaryPatientIs(target.json, patient)
    ) {
      throw forbidden(
        `${label} refers to ${reference}, which is not a resource of the launch patient`,
      );
    }
  }
}

/** `checkWrite` and then its references, throwing 403 with the reason. */
export async function checkConfinedWrite(
  config: EhrConfig,
  resource: FhirResource,
  context: WriteContext,
  label?: string,
): Promise<void> {
  const check = checkWrite(resource, context);
  if (check.problem !== undefined) {
    throw forbidden(label === undefined ? check.problem : `${label}: ${check.problem}`);
  }
  await checkTargets(config, check.resolve, context.patient, label);
}
