import { useRef, useState } from 'react';
import { ProfileInputError, type NamedReference, type Requester } from '@linkwell/profiles';
import type { SmartClient } from '../smart/smart-client';
import { outcomeInMessage, problemOf, type Problem } from '../smart/problems';
import { checkDraft, type FieldErrors, type ReferralDraft } from './draft';
import { errorsFromBuilder, errorsFromOutcome } from './field-errors';
import { referralTransaction } from './referral-transaction';
import { submitReferral, type SubmittedReferral } from './submit-referral';

export interface SubmissionDeps {
  readonly client: SmartClient;
  readonly patientId: string;
  readonly requester: Requester;
  /** The GP, named on the Consent as who recorded it. */
  readonly recordedBy?: NamedReference;
  readonly newUuid: () => string;
  readonly now: () => string;
  readonly onSent: (sent: SubmittedReferral) => void;
  /** A problem the whole app must show (the session ended). */
  readonly onProblem: (problem: Problem) => void;
}

export interface Submission {
  readonly sending: boolean;
  readonly errors: FieldErrors;
  readonly submit: (draft: ReferralDraft) => Promise<boolean>;
}

function refusal(error: unknown, problem: Problem): FieldErrors {
  const outcome = outcomeInMessage(error instanceof Error ? error.message : '');
  if (problem.kind === 'unreachable') {
    return {
      form: 'The record system did not answer, so the referral may not have been sent. Press "Send referral" again: it will not be sent twice.',
    };
  }
  if (problem.kind === 'forbidden') {
    return {
      form: `Your clinical system did not allow Linkwell to save the referral: ${problem.detail ?? 'access refused'}`,
    };
  }
  if (outcome !== undefined) {
    const errors = errorsFromOutcome(outcome);
    if (Object.keys(errors).length > 0) return errors;
  }
  return {
    form: `The referral was not saved: ${problem.detail ?? 'the record system refused it'}`,
  };
}

/**
 * Sends a referral at most once at a time, under one business identifier per referral: a double
 * click is ignored while sending, and a retry after a failure reuses the identifier, so the
 * server's conditional create finds the first attempt instead of making a second referral.
 */
export function useReferralSubmission(deps: SubmissionDeps): Submission {
  const [referralId, setReferralId] = useState(() => deps.newUuid());
  const [sending, setSending] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const inFlight = useRef(false);

  const submit = async (draft: ReferralDraft): Promise<boolean> => {
    if (inFlight.current) return false;
    const problems = checkDraft(draft);
    if (Object.keys(problems).length > 0) {
      setErrors(problems);
      return false;
    }
    let transaction;
    try {
      transaction = referralTransaction({
        referralId,
        patientId: deps.patientId,
        requester: deps.requester,
        ...(deps.recordedBy === undefined ? {} : { recordedBy: deps.recordedBy }),
        draft,
        now: deps.now(),
        newUuid: deps.newUuid,
      });
    } catch (error) {
      if (!(error instanceof ProfileInputError)) throw error;
      setErrors(errorsFromBuilder(error));
      return false;
    }
    inFlight.current = true;
    setSending(true);
    setErrors({});
    try {
      const sent = await submitReferral(deps.client, transaction);
      setReferralId(deps.newUuid());
      deps.onSent(sent);
      return true;
    } catch (error) {
      const problem = problemOf(error);
      if (problem.kind === 'session-expired') deps.onProblem(problem);
      else setErrors(refusal(error, problem));
      return false;
    } finally {
      inFlight.current = false;
      setSending(false);
    }
  };
  return { sending, errors, submit };
}
