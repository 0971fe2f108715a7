import { z } from 'zod';
import {
  COMMUNICATION_ADJUSTMENT_CODES,
  RISK_STATUSES,
  RISK_TYPE_CODES,
  type CommunicationNeeds,
  type RiskType,
} from '@linkwell/profiles';
import { FIELD, body, clearableText, flag, oneOf, optionalText } from './rules';

// Risk and safeguarding requests, and the person's communication needs.

/** POST /api/cases/:caseId/risks: other agencies and other risks need their detail. */
export const RiskRequest = body({
  type: oneOf(RISK_TYPE_CODES),
  detail: optionalText(1000),
  shareWithGp: flag(),
}).superRefine((v, ctx) => {
  if ((v.type === 'other-agency' || v.type === 'other-risk') && v.detail === undefined) {
    ctx.addIssue({
      code: 'custom',
      message:
        v.type === 'other-agency' ? 'Say which agencies are involved.' : 'Say what the risk is.',
      path: ['detail'],
    });
  }
});
export type RiskRequest = z.input<typeof RiskRequest>;

/** POST /api/cases/:caseId/risks/:riskId/review: left out keeps what is there; detail null clears. */
export const RiskReviewRequest = body({
  status: oneOf(RISK_STATUSES),
  detail: clearableText(1000),
  shareWithGp: flag(),
});
export type RiskReviewRequest = z.input<typeof RiskReviewRequest>;

const BCP47 = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;
const ADJUSTMENTS = `${FIELD} must be a list of ${COMMUNICATION_ADJUSTMENT_CODES.join(', ')}.`;

/** PUT /api/cases/:caseId/communication */
export const CommunicationRequest = body({
  language: optionalText(35).refine((v) => v === undefined || BCP47.test(v), {
    error: `${FIELD} must be a BCP-47 language tag such as pl or pa-IN.`,
  }),
  adjustments: z
    .array(z.string(), { error: ADJUSTMENTS })
    .refine((list) => list.every((a) => (COMMUNICATION_ADJUSTMENT_CODES as string[]).includes(a)), {
      error: ADJUSTMENTS,
    })
    .transform((list) => [...new Set(list)] as typeof COMMUNICATION_ADJUSTMENT_CODES)
    .nullish()
    .transform((list) => list ?? []),
  interpreterNeeded: flag().transform((v) => v ?? false),
  detail: optionalText(500),
}).superRefine((v, ctx) => {
  if (v.interpreterNeeded && v.language === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'Say which language the interpreter should speak.',
      path: ['language'],
    });
  }
});
export type CommunicationRequest = z.input<typeof CommunicationRequest>;

// What the API answers: the app reads these, the adapter's handlers are typed by them.

/** Where a risk or a communication need came from: the referral, or the link worker. */
export type RiskSource = 'referral' | 'link-worker';

/** A risk the case holds (`POST .../risks` and `.../review` answer one). */
export interface RecordedRisk {
  readonly id: string;
  readonly type: RiskType;
  readonly detail?: string;
  readonly status: (typeof RISK_STATUSES)[number];
  readonly source: RiskSource;
  /** The link worker judged the GP should know: sent back as a Flag when consent allows. */
  readonly shareWithGp: boolean;
  /** `Practitioner/<id>`, or the referral Flag's author. */
  readonly recordedBy: string;
  readonly recordedAt: string;
  readonly reviewedBy?: string;
  readonly reviewedAt?: string;
  readonly resolvedAt?: string;
}

/** A risk as the case's risks list it: with its type's words and who recorded it by name. */
export interface CaseRisk extends RecordedRisk {
  readonly label: string;
  readonly recordedByName?: string;
}

/** The person's communication needs (`PUT .../communication` answers them). */
export interface CaseCommunication {
  readonly needs: CommunicationNeeds;
  readonly source: RiskSource;
  readonly updatedBy?: string;
  readonly updatedAt: string;
}

/** GET /api/cases/:caseId/risks */
export interface CaseRisks {
  readonly risks: readonly CaseRisk[];
  /** Null when neither the referral nor a link worker recorded any. */
  readonly communication: CaseCommunication | null;
}
