import type { DocumentReference } from 'fhir/r4';
import {
  CLOSING_SUMMARY_CATEGORY,
  LINKWELL_IDENTIFIER_SYSTEMS,
  PROFILE_URLS,
  SUMMARY_OF_EPISODE_TYPE,
} from './codes';
import { ProfileInputError } from './errors';
import {
  letterHtml,
  letterText,
  letterTitle,
  type ClosingSummaryFacts,
} from './closing-summary-letter';
import { referenceTo, type ReferenceTo } from './references';
import { namedReference, type NamedReference } from './status-history';
import { requireDateTime, requireText } from './validation';

export interface ClosingSummaryInput extends Omit<
  ClosingSummaryFacts,
  'linkWorkerName' | 'serviceName'
> {
  /** The case's id at the service: the summary's business identifier (one summary per case). */
  readonly identifier: string;
  readonly patient: ReferenceTo<'Patient'>;
  readonly referral: ReferenceTo<'ServiceRequest'>;
  readonly task: ReferenceTo<'Task'>;
  readonly linkWorker: NamedReference;
  readonly service: NamedReference;
  /** Goals, outcome Observations and onward referrals the summary is about. */
  readonly related?: readonly ReferenceTo<'Goal' | 'Observation' | 'ServiceRequest'>[];
}

/** UTF-8 text as base64, in Node and in browsers alike (btoa takes bytes as Latin-1 characters). */
export function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function fromBase64Utf8(data: string): string {
  const binary = atob(data);
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/**
 * The message back to the GP when a referral closes (profile linkwell-closing-summary): a
 * DocumentReference with the letter as text/plain and text/html, pointing at the structured data.
 */
export function buildClosingSummary(input: ClosingSummaryInput): DocumentReference {
  const identifier = requireText('identifier', input.identifier);
  const reason = requireText('reason', input.reason);
  const date = requireDateTime('closedOn', input.closedOn);
  const facts: ClosingSummaryFacts = {
    ...input,
    reason,
    linkWorkerName: input.linkWorker.display,
    serviceName: input.service.display,
  };
  const title = letterTitle(facts);
  const related = (input.related ?? []).map((ref, i) =>
    referenceTo(`related[${i}]`, ref, ['Goal', 'Observation', 'ServiceRequest']),
  );
  if (input.support.contactAttempts < 0 || input.support.meetings < 0) {
    throw new ProfileInputError('support', 'counts must not be negative');
  }
  return {
    resourceType: 'DocumentReference',
    meta: { profile: [PROFILE_URLS.closingSummary] },
    identifier: [{ system: LINKWELL_IDENTIFIER_SYSTEMS.closingSummary, value: identifier }],
    status: 'current',
    type: { coding: [SUMMARY_OF_EPISODE_TYPE] },
    category: [{ coding: [CLOSING_SUMMARY_CATEGORY] }],
    subject: referenceTo('patient', input.patient, ['Patient']),
    date,
    author: [
      namedReference('linkWorker', input.linkWorker),
      namedReference('service', input.service),
    ],
    description: `${input.outcome}: ${reason}`.slice(0, 500),
    content: [
      {
        attachment: {
          contentType: 'text/plain; charset=utf-8',
          language: 'en-GB',
          data: base64Utf8(letterText(facts)),
          title,
          creation: date,
        },
      },
      {
        attachment: {
          contentType: 'text/html; charset=utf-8',
          language: 'en-GB',
          data: base64Utf8(letterHtml(facts)),
          title,
          creation: date,
        },
      },
    ],
    context: {
      related: [
        referenceTo('referral', input.referral, ['ServiceRequest']),
        referenceTo('task', input.task, ['Task']),
        ...related,
      ],
    },
  };
}

/** The letter a closing summary carries, decoded from its text/plain attachment. */
export function closingSummaryLetter(
  doc: DocumentReference,
): { title: string; text: string } | undefined {
  const plain = doc.content.find((c) => c.attachment.contentType?.startsWith('text/plain'));
  const data = plain?.attachment.data;
  if (data === undefined) return undefined;
  try {
    return { title: plain?.attachment.title ?? 'Closing summary', text: fromBase64Utf8(data) };
  } catch {
    return undefined;
  }
}
