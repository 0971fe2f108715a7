import type { FhirResource } from 'fhir/r4';
import { LINKWELL_IDENTIFIER_SYSTEMS } from '@linkwell/profiles';
import type { OnwardReferralRecord } from '../store/records';
import { contentHash, onwardResource, onwardTaskResource } from './mappers';
import { linkKey, type CaseSnapshot } from './plan-input';
import {
  overlay,
  withProvenance,
  writeEntry,
  type RecordChanges,
  type ServerCopies,
  type WriteUnit,
} from './units';

/**
 * An onward referral's unit: its ServiceRequest and the Task the community service acts on, in one
 * transaction (the Task's focus is the ServiceRequest's urn until the server gives it an id).
 */
export function onwardUnit(
  base: Pick<WriteUnit, 'kind' | 'recordId' | 'caseId' | 'seqs'>,
  onward: OnwardReferralRecord,
  snap: CaseSnapshot,
  copies: ServerCopies,
  change: RecordChanges,
): WriteUnit | undefined {
  const links = snap.links.get(linkKey('onward', onward.id)) ?? [];
  const srLink = links.find((l) => l.resourceType === 'ServiceRequest');
  const taskLink = links.find((l) => l.resourceType === 'Task');
  const request = onwardResource(onward, snap.record);
  const srEntry = writeEntry(
    overlay(request, srLink, copies),
    srLink,
    `${LINKWELL_IDENTIFIER_SYSTEMS.onwardReferral}|${onward.id}`,
  );
  const task = onwardTaskResource(
    onward,
    snap.record,
    (srEntry.fullUrl ?? '') as `ServiceRequest/${string}`,
  );
  const hash = contentHash([request, { ...task, focus: undefined }] as FhirResource[]);
  // Both written with this content already: nothing to send.
  if (srLink?.contentHash === hash && taskLink?.contentHash === hash) return undefined;
  const taskEntry = writeEntry(
    overlay(task, taskLink, copies),
    taskLink,
    `${LINKWELL_IDENTIFIER_SYSTEMS.onwardReferralTask}|${onward.id}`,
  );
  const recorded = onward.stateAt ?? onward.authoredOn;
  return {
    ...base,
    hash,
    entries: withProvenance([srEntry, taskEntry], change, snap.record, hash, recorded),
  };
}
