import type { ReactNode } from 'react';

/** Screens outside a session: signed out, session expired, a problem, loading. */

/**
 * nhsuk-frontend's header (its markup, without the NHS logo: Linkwell is not an NHS service), on
 * the full-width container the link worker's tables need, its rows a little tighter than nhs.uk's
 * (the package's spacing utilities) to leave a working screen its height. `places` are the header's navigation
 * items and `account` the account list's items, each an <li> of the package's classes.
 */
export function Header({ places, account }: { places?: ReactNode; account?: ReactNode }) {
  return (
    <header className="nhsuk-header">
      <div className="nhsuk-header__container nhsuk-width-container-fluid nhsuk-u-padding-top-2 nhsuk-u-padding-bottom-2">
        <div className="nhsuk-header__service">
          <span className="nhsuk-header__service-name">Linkwell: link-worker caseload</span>
        </div>
        {account === undefined ? null : (
          <nav className="nhsuk-header__account" aria-label="Account">
            <ul className="nhsuk-header__account-list">{account}</ul>
          </nav>
        )}
      </div>
      {places === undefined ? null : (
        <nav className="nhsuk-header__navigation" aria-label="Places">
          <div className="nhsuk-header__navigation-container nhsuk-width-container-fluid">
            <ul className="nhsuk-header__navigation-list">{places}</ul>
          </div>
        </nav>
      )}
    </header>
  );
}

/** The page's main landmark: the package's full-width container and main wrapper. */
export function Main({ children, focusable }: { children: ReactNode; focusable?: boolean }) {
  return (
    <div className="nhsuk-width-container-fluid">
      <main
        className="nhsuk-main-wrapper nhsuk-main-wrapper--s nhsuk-u-padding-top-3 nhsuk-u-padding-bottom-3"
        id="main"
        {...(focusable === true ? { tabIndex: -1 } : {})}
      >
        {children}
      </main>
    </div>
  );
}

const SIGN_IN_TEXT = {
  'signed-out': {
    title: 'Sign in to your caseload',
    body: 'Sign in with your link-worker service account to see your caseload.',
  },
  'after-sign-out': {
    title: 'You have signed out',
    body: 'Your session in this browser has ended. Sign in again to carry on.',
  },
  expired: {
    title: 'Your session has expired',
    body: 'For the safety of the people you support, sessions end after a while. Nothing you saved has been lost: sign in again to carry on where you were.',
  },
} as const;

export type SignInReason = keyof typeof SIGN_IN_TEXT;

export function SignInScreen({ reason, onSignIn }: { reason: SignInReason; onSignIn: () => void }) {
  const text = SIGN_IN_TEXT[reason];
  return (
    <>
      <Header />
      <Main>
        <h1 className="nhsuk-heading-l">{text.title}</h1>
        <p>{text.body}</p>
        <button type="button" className="nhsuk-button" onClick={onSignIn}>
          Sign in
        </button>
      </Main>
    </>
  );
}

export function ProblemScreen({ title, message }: { title: string; message: string }) {
  return (
    <>
      <Header />
      <Main>
        <div className="lw-problem" role="alert">
          <h1 className="nhsuk-heading-l">{title}</h1>
          <p>{message}</p>
          <p>
            <a href="/">Start again</a>
          </p>
        </div>
      </Main>
    </>
  );
}

export function Loading({ label }: { label: string }) {
  return (
    <div className="lw-loading" role="status">
      <span className="lw-spinner" aria-hidden="true" />
      {label}
    </div>
  );
}
