import { useCallback, useEffect, useMemo, useState } from 'react';
import { httpApi, type LinkWorkerApi } from '../api/api-client';
import { CALLBACK_PATH, type Session, type SignIn } from '../auth/sign-in';
import { App } from './App';
import { Loading, ProblemScreen, SignInScreen, type SignInReason } from './SessionScreens';

type State =
  | { readonly kind: 'checking' }
  | { readonly kind: 'signed-out'; readonly reason: SignInReason }
  | { readonly kind: 'problem'; readonly message: string }
  | { readonly kind: 'signed-in'; readonly session: Session };

export interface SessionShellProps {
  readonly signIn: SignIn;
  /** Replaces the HTTP API (component tests). */
  readonly makeApi?: (session: Session, onSessionEnded: () => void) => LinkWorkerApi;
}

/** Sign-in, the callback, session expiry and sign-out around the app. */
export function SessionShell({ signIn, makeApi }: SessionShellProps) {
  const [state, setState] = useState<State>({ kind: 'checking' });
  const expire = useCallback(() => {
    setState({ kind: 'signed-out', reason: 'expired' });
  }, []);

  useEffect(() => {
    let live = true;
    const settle = (next: State): void => {
      if (live) setState(next);
    };
    const { pathname, href } = window.location;
    const restore =
      pathname === CALLBACK_PATH
        ? signIn.complete(href).then(({ session, returnTo }) => {
            window.history.replaceState(null, '', returnTo);
            return session;
          })
        : signIn.current();
    restore
      .then((session) => {
        settle(
          session === undefined || session === 'expired'
            ? { kind: 'signed-out', reason: session ?? 'signed-out' }
            : { kind: 'signed-in', session },
        );
      })
      .catch((error: unknown) => {
        settle({
          kind: 'problem',
          message: `Signing in did not finish: ${error instanceof Error ? error.message : String(error)}`,
        });
      });
    return () => {
      live = false;
    };
  }, [signIn]);

  // The adapter stops accepting the ID token when it expires: show that before a request fails.
  const session = state.kind === 'signed-in' ? state.session : undefined;
  useEffect(() => {
    if (session === undefined) return undefined;
    const timer = setTimeout(expire, Math.max(0, session.expiresAt - Date.now()));
    return () => {
      clearTimeout(timer);
    };
  }, [session, expire]);

  const api = useMemo(
    () =>
      session === undefined
        ? undefined
        : (makeApi?.(session, expire) ??
          httpApi({ accessToken: () => session.accessToken, onSessionEnded: expire })),
    [session, makeApi, expire],
  );

  const start = (): void => {
    const here = window.location.pathname === CALLBACK_PATH ? '/' : window.location.pathname;
    signIn.start(here).catch((error: unknown) => {
      setState({
        kind: 'problem',
        message: `The sign-in service could not be reached: ${error instanceof Error ? error.message : String(error)}`,
      });
    });
  };
  const signOut = (): void => {
    void signIn.signOut().then(() => {
      setState({ kind: 'signed-out', reason: 'after-sign-out' });
    });
  };

  switch (state.kind) {
    case 'checking':
      return <Loading label="Checking your sign-in…" />;
    case 'problem':
      return <ProblemScreen title="Sign-in problem" message={state.message} />;
    case 'signed-out':
      return <SignInScreen reason={state.reason} onSignIn={start} />;
    case 'signed-in':
      return api === undefined ? null : (
        <App api={api} session={state.session} onSignOut={signOut} />
      );
  }
}
