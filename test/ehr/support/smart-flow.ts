import { createHash, randomBytes } from 'node:crypto';

// Drives SMART App Launch the way a browser would, without one: follows the sandbox's own redirects
// (authorize → interaction → resume) with a small cookie jar and stops where it would leave the sandbox.

export interface Pkce {
  verifier: string;
  challenge: string;
}

export function pkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface Hop {
  status: number;
  /** Where the sandbox finally sent the browser, when that is outside the sandbox. */
  location?: URL;
  /** The last page's body when it did not redirect out (an error page, a form). */
  body: string;
  /** The URL of the last sandbox page reached. */
  url: string;
  cookies: Map<string, string>;
}

/** GETs (or POSTs a form to) a sandbox URL and follows redirects while they stay in the sandbox. */
export async function browse(
  baseUrl: string,
  start: string,
  form?: Record<string, string>,
  cookies = new Map<string, string>(),
): Promise<Hop> {
  let url = start;
  let body: string | undefined =
    form === undefined ? undefined : new URLSearchParams(form).toString();
  for (let hops = 0; hops < 10; hops += 1) {
    const response = await fetch(url, {
      method: body === undefined ? 'GET' : 'POST',
      redirect: 'manual',
      headers: {
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      body,
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', ...value] = pair.split('=');
      cookies.set(name.trim(), value.join('='));
    }
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || location === null) {
      return { status: response.status, body: await response.text(), url, cookies };
    }
    await response.arrayBuffer();
    const next = new URL(location, url);
    if (!next.href.startsWith(baseUrl))
      return { status: response.status, location: next, body: '', url, cookies };
    url = next.href;
    body = undefined;
  }
  throw new Error('too many redirects inside the sandbox');
}

export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** POSTs a form to the token endpoint (or revocation) and returns its JSON. */
export async function tokenRequest(
  baseUrl: string,
  form: Record<string, string>,
  path = '/token',
): Promise<TokenAnswer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(form).toString(),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>,
  };
}

export interface AuthorizeParams {
  clientId: string;
  redirectUri: string;
  scope: string;
  aud: string;
  launch?: string;
  pkce?: Pkce | { challenge: string; method: string } | null;
  state?: string;
}

export function authorizeUrl(baseUrl: string, params: AuthorizeParams): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: params.clientId,
    redirect_uri: params.redirectUri,
    scope: params.scope,
    aud: params.aud,
    state: params.state ?? randomBytes(8).toString('hex'),
  });
  if (params.aud === '') query.delete('aud');
  if (params.launch !== undefined) query.set('launch', params.launch);
  if (params.pkce) {
    query.set('code_challenge', params.pkce.challenge);
    query.set('code_challenge_method', 'method' in params.pkce ? params.pkce.method : 'S256');
  }
  return `${baseUrl}/auth?${query.toString()}`;
}

/** Asks the script-friendly launch URL for a launch id. */
export async function issueLaunch(
  baseUrl: string,
  launch: { patient?: string; practitioner: string; launchUri: string; encounter?: string },
): Promise<string> {
  const query = new URLSearchParams({
    practitioner: launch.practitioner,
    launch_uri: launch.launchUri,
  });
  if (launch.patient !== undefined) query.set('patient', launch.patient);
  if (launch.encounter !== undefined) query.set('encounter', launch.encounter);
  const response = await fetch(`${baseUrl}/launch?${query.toString()}`, { redirect: 'manual' });
  await response.arrayBuffer();
  const location = response.headers.get('location');
  if (response.status !== 302 || location === null)
    throw new Error(`launch refused: HTTP ${response.status}`);
  const id = new URL(location).searchParams.get('launch');
  if (id === null) throw new Error('no launch id in the redirect');
  return id;
}

/** A full EHR launch up to the authorization code. */
export async function authorizeWithLaunch(
  baseUrl: string,
  params: Omit<AuthorizeParams, 'pkce'> & { pkce: Pkce },
): Promise<{ code: string; location: URL }> {
  const hop = await browse(baseUrl, authorizeUrl(baseUrl, params));
  const code = hop.location?.searchParams.get('code');
  if (hop.location === undefined || code === null || code === undefined) {
    throw new Error(`no code: ${hop.status} ${hop.location?.href ?? hop.body.slice(0, 300)}`);
  }
  return { code, location: hop.location };
}
