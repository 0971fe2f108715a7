import { useState, type FormEvent, type ReactNode } from 'react';
import type { Problem } from '../smart/problems';

interface ProblemScreenProps {
  readonly problem: Problem;
  /** Offered when trying again can help (the server was unreachable). */
  readonly onRetry?: () => void;
}

function StandaloneLaunch(): ReactNode {
  const [iss, setIss] = useState('');
  const open = (event: FormEvent): void => {
    event.preventDefault();
    window.location.assign(`/launch.html?iss=${encodeURIComponent(iss.trim())}`);
  };
  return (
    <form className="nhsuk-form-group" onSubmit={open}>
      <h2 className="nhsuk-heading-s">Or sign in without the record open</h2>
      <label className="nhsuk-label" htmlFor="iss">
        FHIR server address of your record system
      </label>
      <div className="nhsuk-hint" id="iss-hint">
        For example https://ehr.example.org/fhir. You will choose the patient after signing in.
      </div>
      <input
        className="nhsuk-input"
        id="iss"
        type="url"
        required
        aria-describedby="iss-hint"
        value={iss}
        onChange={(e) => {
          setIss(e.target.value);
        }}
      />
      <button className="nhsuk-button nhsuk-button--secondary" type="submit">
        Sign in and choose a patient
      </button>
    </form>
  );
}

const SCREENS: Record<Problem['kind'], { title: string; body: string }> = {
  'no-launch': {
    title: "Open Linkwell from a patient's record",
    body: "Linkwell works inside your clinical system. Open the patient's record and choose Linkwell social prescribing from the apps menu.",
  },
  'session-expired': {
    title: 'Your session has ended',
    body: "To keep patient information safe, Linkwell's access to the record has expired. Close this window and open Linkwell again from the patient's record. Nothing you had already sent is lost.",
  },
  forbidden: {
    title: 'Linkwell is not allowed to do this',
    body: "Your clinical system refused Linkwell access to part of the record it needs. Ask your practice's system administrator to give the Linkwell app the access listed in its set-up guide, then open it again.",
  },
  unreachable: {
    title: 'Cannot reach the patient record',
    body: 'The record system did not answer. Check your network connection, then try again. If it keeps happening, contact your IT support.',
  },
  unexpected: {
    title: 'Something went wrong',
    body: "Linkwell could not show this patient's social prescribing record. Try again; if it keeps happening, report the message below to your IT support.",
  },
};

/** The page's main landmark: nhsuk-frontend's width container and (small) main wrapper. */
export function Page({ children }: { readonly children: ReactNode }): ReactNode {
  return (
    <div className="nhsuk-width-container">
      <main className="nhsuk-main-wrapper nhsuk-main-wrapper--s" id="main">
        {children}
      </main>
    </div>
  );
}

/** A full screen for a problem that stops the app: never a blank page. */
export function ProblemScreen({ problem, onRetry }: ProblemScreenProps): ReactNode {
  const screen = SCREENS[problem.kind];
  return (
    <Page>
      <div className="lw-problem" data-problem={problem.kind}>
        <h1 className="nhsuk-heading-l">{screen.title}</h1>
        <p>{screen.body}</p>
        {problem.detail !== undefined && (
          <div className="nhsuk-inset-text">
            <h2 className="nhsuk-heading-xs">The record system said</h2>
            <p className="lw-server-words">{problem.detail}</p>
          </div>
        )}
        {onRetry !== undefined && (
          <button className="nhsuk-button" type="button" onClick={onRetry}>
            Try again
          </button>
        )}
      </div>
      {problem.kind === 'no-launch' && <StandaloneLaunch />}
    </Page>
  );
}

export function Loading({ label }: { readonly label: string }): ReactNode {
  return (
    <div className="lw-loading" role="status" aria-live="polite">
      <span className="lw-spinner" aria-hidden="true" />
      {label}
    </div>
  );
}
