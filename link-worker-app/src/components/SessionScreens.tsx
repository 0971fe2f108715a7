/** Screens outside a session: signed out, session expired, a problem, loading. */
export function Header({ children }: { children?: React.ReactNode }) {
  return (
    <header className="lw-header">
      <span className="lw-header__logo">Linkwell</span>
      <span className="lw-header__service">Link-worker caseload</span>
      {children === undefined ? null : (
        <nav className="lw-header__nav" aria-label="Account">
          {children}
        </nav>
      )}
    </header>
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
      <main className="lw-main lw-main--wide" id="main">
        <h1 className="nhsuk-heading-l">{text.title}</h1>
        <p>{text.body}</p>
        <button type="button" className="nhsuk-button" onClick={onSignIn}>
          Sign in
        </button>
      </main>
    </>
  );
}

export function ProblemScreen({ title, message }: { title: string; message: string }) {
  return (
    <>
      <Header />
      <main className="lw-main lw-main--wide" id="main">
        <div className="lw-problem" role="alert">
          <h1 className="nhsuk-heading-l">{title}</h1>
          <p>{message}</p>
          <p>
            <a href="/">Start again</a>
          </p>
        </div>
      </main>
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
