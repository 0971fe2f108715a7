import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Session, SignIn } from '../auth/sign-in';
import { caseloadRow, fakeApi, ME } from '../../test-support/fake-api';
import { SessionShell } from './SessionShell';

const session = (expiresAt = Date.now() + 3_600_000): Session => ({
  idToken: 'id.token.here',
  accessToken: 'access.token.here',
  practitioner: ME,
  name: 'Jo Carter',
  expiresAt,
});

function signIn(current: Session | 'expired' | undefined): SignIn & { started: string[] } {
  const started: string[] = [];
  return {
    started,
    start: (returnTo) => {
      started.push(returnTo);
      return Promise.resolve();
    },
    complete: () => Promise.reject(new Error('not a callback')),
    current: () => Promise.resolve(current),
    signOut: () => Promise.resolve(),
  };
}

describe('SessionShell', () => {
  it('asks a link worker to sign in, and starts the OpenID Connect sign-in', async () => {
    const auth = signIn(undefined);
    render(<SessionShell signIn={auth} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(auth.started).toEqual(['/']);
  });

  it('says clearly when a stored session has expired', async () => {
    render(<SessionShell signIn={signIn('expired')} />);
    expect(await screen.findByRole('heading', { name: 'Your session has expired' })).toBeTruthy();
  });

  it('shows the caseload when signed in, and the expiry screen when the token runs out', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    try {
      const api = fakeApi({ rows: [caseloadRow('a', { patientName: 'Margaret Ellison' })] });
      render(<SessionShell signIn={signIn(session(Date.now() + 60_000))} makeApi={() => api} />);
      await waitFor(() => {
        expect(screen.getByRole('link', { name: 'Margaret Ellison' })).toBeTruthy();
      });
      expect(screen.getByText('Signed in as Jo Carter')).toBeTruthy();
      act(() => {
        jest.advanceTimersByTime(61_000);
      });
      expect(screen.getByRole('heading', { name: 'Your session has expired' })).toBeTruthy();
    } finally {
      jest.useRealTimers();
    }
  });

  it('goes to the expiry screen when the adapter answers 401', async () => {
    let ended: (() => void) | undefined;
    render(
      <SessionShell
        signIn={signIn(session())}
        makeApi={(_s, onSessionEnded) => {
          ended = onSessionEnded;
          return fakeApi({});
        }}
      />,
    );
    await screen.findByRole('heading', { name: 'Caseload' });
    act(() => ended?.());
    expect(screen.getByRole('heading', { name: 'Your session has expired' })).toBeTruthy();
  });

  it('signs out', async () => {
    render(<SessionShell signIn={signIn(session())} makeApi={() => fakeApi({})} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'You have signed out' })).toBeTruthy();
  });

  it('names the signed-in link worker from the adapter when the sign-in gave no name', async () => {
    render(
      <SessionShell signIn={signIn({ ...session(), name: ME })} makeApi={() => fakeApi({})} />,
    );
    expect(await screen.findByText('Signed in as Jo Carter')).toBeTruthy();
    expect(screen.queryByText(/lw-lw-/)).toBeNull();
  });
});
