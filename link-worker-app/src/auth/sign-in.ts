import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';

/** What the adapter tells the app at `/app-config.json`: who to sign in with. */
export interface AppConfig {
  readonly issuer: string | null;
  readonly clientId: string;
  /** The adapter API's resource indicator: the `aud` of the access token the app sends it. */
  readonly resource?: string | null;
}

export const CALLBACK_PATH = '/auth/callback';

/** The signed-in link worker's session: an OpenID Connect ID token, its claims, the API's token. */
export interface Session {
  readonly idToken: string;
  /** The OAuth access token issued for the adapter's API (its `resource`); the API's Bearer. */
  readonly accessToken: string;
  /** `Practitioner/<id>` from the `fhirUser` claim. */
  readonly practitioner: string;
  readonly name: string;
  /** Epoch milliseconds when the ID token or the access token stops being accepted. */
  readonly expiresAt: number;
}

export interface SignIn {
  /** Sends the browser to the identity provider; comes back to `returnTo` after the callback. */
  start(returnTo: string): Promise<void>;
  /** Exchanges the code on the callback URL (PKCE S256); resolves the session and where to go. */
  complete(url: string): Promise<{ session: Session; returnTo: string }>;
  /** The stored session; `expired` when there was one and it has run out. */
  current(): Promise<Session | 'expired' | undefined>;
  /** Forgets the session in this browser. */
  signOut(): Promise<void>;
}

export async function loadAppConfig(fetcher: typeof fetch = fetch): Promise<AppConfig> {
  const response = await fetcher('/app-config.json');
  if (!response.ok)
    throw new Error(`The app's configuration could not be read (${response.status}).`);
  return (await response.json()) as AppConfig;
}

function sessionOf(user: User): Session {
  const claims = user.profile as Record<string, unknown>;
  const fhirUser = typeof claims.fhirUser === 'string' ? claims.fhirUser : '';
  const practitioner = /Practitioner\/[A-Za-z0-9\-.]+$/.exec(fhirUser)?.[0] ?? '';
  const idExp = typeof claims.exp === 'number' ? claims.exp * 1000 : Infinity;
  const exp = Math.min(idExp, (user.expires_at ?? 0) * 1000);
  const name = typeof claims.name === 'string' ? claims.name : practitioner;
  return {
    idToken: user.id_token ?? '',
    accessToken: user.access_token,
    practitioner,
    name,
    expiresAt: exp,
  };
}

/** OpenID Connect sign-in with `oidc-client-ts`: authorization code, PKCE S256, public client. */
export function createSignIn(config: AppConfig & { issuer: string }, origin: string): SignIn {
  const manager = new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    response_type: 'code',
    scope: 'openid fhirUser profile',
    loadUserInfo: false,
    automaticSilentRenew: false,
    monitorSession: false,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    // RFC 8707: the access token is issued for the adapter's API, not the FHIR server.
    ...(config.resource ? { extraQueryParams: { resource: config.resource } } : {}),
  });
  // A code is single use: a second call (React's development double effects) shares the first.
  let completing: Promise<User> | undefined;
  return {
    start: (returnTo) => manager.signinRedirect({ state: { returnTo } }),
    complete: async (url) => {
      completing ??= manager.signinRedirectCallback(url);
      const user = await completing;
      const state = user.state as { returnTo?: unknown } | undefined;
      const returnTo = typeof state?.returnTo === 'string' ? state.returnTo : '/';
      return { session: sessionOf(user), returnTo: returnTo.startsWith('/') ? returnTo : '/' };
    },
    current: async () => {
      const user = await manager.getUser();
      if (user === null) return undefined;
      const session = sessionOf(user);
      if (session.expiresAt > Date.now()) return session;
      await manager.removeUser();
      return 'expired';
    },
    signOut: () => manager.removeUser(),
  };
}
