import { createHash, randomBytes } from 'node:crypto';

// Real tokens from the EHR sandbox without a browser: the sandbox's own redirects (authorize ->
// interaction -> resume) followed with a small cookie jar, stopping where the browser would leave
// the sandbox for the app's redirect URI, then the code exchanged at the token endpoint with PKCE.

interface Hop {
  status: number;
  url: string;
  location?: URL;
  cookies: Map<string, string>;
}

async function browse(
  sandbox: string,
  start: string,
  form?: Record<string, string>,
  cookies = new Map<string, string>(),
): Promise<Hop> {
  let url = start;
  let body = form === undefined ? undefined : new URLSearchParams(form).toString();
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
    await response.arrayBuffer();
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || location === null) {
      return { status: response.status, url, cookies };
    }
    const next = new URL(location, url);
    if (!next.href.startsWith(sandbox))
      return { status: response.status, url, location: next, cookies };
    url = next.href;
    body = undefined;
  }
  throw new Error('too many redirects inside the sandbox');
}

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(sandbox: string, params: Record<string, string>, challenge: string): string {
  const query = new URLSearchParams({
    response_type: 'code',
    state: randomBytes(8).toString('hex'),
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...params,
  });
  return `${sandbox}/auth?${query.toString()}`;
}

async function exchange(
  sandbox: string,
  hop: Hop,
  form: Record<string, string>,
): Promise<Record<string, unknown>> {
  const code = hop.location?.searchParams.get('code');
  if (code === null || code === undefined) {
    throw new Error(`no authorization code (HTTP ${hop.status} at ${hop.url})`);
  }
  const response = await fetch(`${sandbox}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, ...form }).toString(),
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok || typeof body.access_token !== 'string') {
    throw new Error(`token refused: HTTP ${response.status} ${JSON.stringify(body).slice(0, 200)}`);
  }
  return body;
}

export interface GpLaunch {
  clientId: string;
  redirectUri: string;
  launchUri: string;
  scope: string;
  practitioner: string;
  patient: string;
}

/** An EHR launch through the sandbox's script-friendly launch URL: the GP app's access token. */
export async function gpAccessToken(
  sandbox: string,
  fhirBase: string,
  gp: GpLaunch,
): Promise<string> {
  const query = new URLSearchParams({
    practitioner: gp.practitioner,
    patient: gp.patient,
    launch_uri: gp.launchUri,
  });
  const launched = await fetch(`${sandbox}/launch?${query.toString()}`, { redirect: 'manual' });
  await launched.arrayBuffer();
  const launch = new URL(launched.headers.get('location') ?? 'x:').searchParams.get('launch');
  if (launch === null) throw new Error(`launch refused: HTTP ${launched.status}`);
  const challenge = pkce();
  const hop = await browse(
    sandbox,
    authorizeUrl(
      sandbox,
      {
        client_id: gp.clientId,
        redirect_uri: gp.redirectUri,
        scope: gp.scope,
        aud: fhirBase,
        launch,
      },
      challenge.challenge,
    ),
  );
  const token = await exchange(sandbox, hop, {
    client_id: gp.clientId,
    redirect_uri: gp.redirectUri,
    code_verifier: challenge.verifier,
  });
  return String(token.access_token);
}

/** A link worker signing in to the link-worker app: the access token for the adapter's API. */
export async function linkWorkerToken(
  sandbox: string,
  input: { clientId: string; redirectUri: string; audience: string; practitioner: string },
): Promise<string> {
  const challenge = pkce();
  const start = authorizeUrl(
    sandbox,
    {
      client_id: input.clientId,
      redirect_uri: input.redirectUri,
      scope: 'openid fhirUser profile',
      resource: input.audience,
    },
    challenge.challenge,
  );
  const form = await browse(sandbox, start);
  const signedIn = await browse(
    sandbox,
    form.url,
    { practitioner: input.practitioner },
    form.cookies,
  );
  const token = await exchange(sandbox, signedIn, {
    client_id: input.clientId,
    redirect_uri: input.redirectUri,
    code_verifier: challenge.verifier,
  });
  return String(token.access_token);
}
