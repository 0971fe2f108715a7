import type { Extension, Reference, Task } from 'fhir/r4';
import { EXTENSION_URLS, LINKWELL_CODE_SYSTEMS } from './codes';
import { ProfileInputError } from './errors';
import {
  REFERRAL_BUSINESS_STATUSES,
  REFERRAL_TASK_STATUSES,
  localCoding,
  type ReferralBusinessStatus,
  type ReferralTaskStatus,
} from './terminology';
import { requireDateTime, requireOneOf, requireText } from './validation';

/** A named person or organisation: a literal reference with the name a reader without access shows. */
export interface NamedReference {
  readonly reference: string;
  readonly display: string;
}

/** One step of a referral that happened (extension linkwell-status-history). */
export interface StatusStep {
  readonly status: ReferralTaskStatus;
  readonly businessStatus?: ReferralBusinessStatus;
  readonly date: string;
  readonly by?: NamedReference;
}

const BUSINESS = Object.keys(REFERRAL_BUSINESS_STATUSES) as ReferralBusinessStatus[];
const LITERAL = /^(Practitioner|PractitionerRole|Organization)\/[A-Za-z0-9\-.]{1,64}$/;

export function namedReference(field: string, value: NamedReference): Reference {
  if (!LITERAL.test(value.reference)) {
    throw new ProfileInputError(
      `${field}.reference`,
      `must be Practitioner/, PractitionerRole/ or Organization/<id>, got "${value.reference}"`,
    );
  }
  return { reference: value.reference, display: requireText(`${field}.display`, value.display) };
}

function namedOf(reference: Reference | undefined): NamedReference | undefined {
  return reference?.reference === undefined
    ? undefined
    : { reference: reference.reference, display: reference.display ?? reference.reference };
}

export function statusHistoryExtension(step: StatusStep, i: number): Extension {
  const field = `statusHistory[${i}]`;
  const parts: Extension[] = [
    {
      url: 'status',
      valueCode: requireOneOf(`${field}.status`, step.status, REFERRAL_TASK_STATUSES),
    },
  ];
  if (step.businessStatus !== undefined) {
    const code = requireOneOf(`${field}.businessStatus`, step.businessStatus, BUSINESS);
    parts.push({
      url: 'businessStatus',
      valueCoding: localCoding(
        LINKWELL_CODE_SYSTEMS.referralBusinessStatus,
        REFERRAL_BUSINESS_STATUSES,
        code,
      ),
    });
  }
  parts.push({ url: 'date', valueDateTime: requireDateTime(`${field}.date`, step.date) });
  if (step.by !== undefined)
    parts.push({ url: 'by', valueReference: namedReference(`${field}.by`, step.by) });
  return { url: EXTENSION_URLS.statusHistory, extension: parts };
}

export function caseHolderExtension(holder: NamedReference): Extension {
  return { url: EXTENSION_URLS.caseHolder, valueReference: namedReference('caseHolder', holder) };
}

const part = (ext: Extension, url: string): Extension | undefined =>
  ext.extension?.find((e) => e.url === url);

/** The steps recorded on a Task, oldest first; entries without a known status or date are skipped. */
export function statusHistoryOf(task: Task): StatusStep[] {
  const steps: StatusStep[] = [];
  for (const ext of task.extension ?? []) {
    if (ext.url !== EXTENSION_URLS.statusHistory) continue;
    const status = REFERRAL_TASK_STATUSES.find((s) => s === part(ext, 'status')?.valueCode);
    const date = part(ext, 'date')?.valueDateTime;
    if (status === undefined || date === undefined) continue;
    const code = part(ext, 'businessStatus')?.valueCoding?.code;
    const businessStatus = BUSINESS.find((b) => b === code);
    const by = namedOf(part(ext, 'by')?.valueReference);
    steps.push({
      status,
      date,
      ...(businessStatus === undefined ? {} : { businessStatus }),
      ...(by === undefined ? {} : { by }),
    });
  }
  return steps.sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
}

/** The link worker holding the case, when the service has named one. */
export function caseHolderOf(task: Task): NamedReference | undefined {
  const ext = task.extension?.find((e) => e.url === EXTENSION_URLS.caseHolder);
  return namedOf(ext?.valueReference);
}
