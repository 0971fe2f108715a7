import { SEED } from '@linkwell/ehr-sandbox';
import { ehrBase, proxied } from './support/ehr-env';
import { launchAndToken } from './support/launch';
import { authorizeUrl, browse, issueLaunch, pkce, tokenRequest } from './support/smart-flow';
import { TEST_APP } from './support/test-clients';

// SMART App Launch 2 conformance in the spirit of the ONC Inferno checks, against the real sandbox.
const SCOPE = 'openid fhirUser offline_access patient/*.rs user/Practitioner.rs';

function decodeJwt(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<
    string,
    unknown
  >;
}

async function launchId(): Promise<string> {
  return issueLaunch(ehrBase(), {
    patient: SEED.patients.carerStrain,
    practitioner: SEED.gps[1] ?? '',
    launchUri: TEST_APP.launchUri,
  });
}

async function authorizeError(
  overrides: Partial<Parameters<typeof authorizeUrl>[1]>,
): Promise<URLSearchParams> {
  const base = ehrBase();
  const hop = await browse(
    base,
    authorizeUrl(base, {
      clientId: TEST_APP.clientId,
      redirectUri: TEST_APP.redirectUri,
      scope: `launch ${SCOPE}`,
      aud: `${base}/fhir`,
      launch: await launchId(),
      pkce: pkce(),
      ...overrides,
    }),
  );
  expect(hop.location?.origin).toBe(new URL(TEST_APP.redirectUri).origin);
  return hop.location?.searchParams ?? new URLSearchParams();
}

describe('discovery', () => {
  it('publishes smart-configuration with the required fields and capabilities', async () => {
    const response = await fetch(`${ehrBase()}/fhir/.well-known/smart-configuration`);
    const config = (await response.json()) as Record<string, unknown>;
    expect(response.status).toBe(200);
    for (const field of [
      'issuer',
      'jwks_uri',
      'authorization_endpoint',
      'token_endpoint',
      'grant_types_supported',
      'code_challenge_methods_supported',
      'capabilities',
      'token_endpoint_auth_methods_supported',
      'scopes_supported',
    ]) {
      expect(config).toHaveProperty(field);
    }
    expect(config.code_challenge_methods_supported).toEqual(['S256']);
    expect(config.capabilities).toEqual(
      expect.arrayContaining([
        'launch-ehr',
        'launch-standalone',
        'client-public',
        'client-confidential-asymmetric',
        'context-ehr-patient',
        'context-ehr-encounter',
        'context-standalone-patient',
        'context-banner',
        'context-style',
        'sso-openid-connect',
        'permission-v1',
        'permission-v2',
        'permission-patient',
        'permission-user',
        'permission-offline',
      ]),
    );
    const oidc = (await (
      await fetch(`${ehrBase()}/.well-known/openid-configuration`)
    ).json()) as Record<string, unknown>;
    expect(oidc.issuer).toBe(config.issuer);
  });

  it('serves the CapabilityStatement without a token, naming the OAuth endpoints', async () => {
    const response = await proxied<{ rest: { security?: { service?: unknown[] } }[] }>(
      'metadata',
      undefined,
    );
    expect(response.status).toBe(200);
    expect(response.body.rest[0]?.security?.service).toHaveLength(1);
  });
});

describe('authorize', () => {
  it('shows an error page for an unknown client, never redirecting', async () => {
    const hop = await browse(
      ehrBase(),
      authorizeUrl(ehrBase(), {
        clientId: 'nobody',
        redirectUri: TEST_APP.redirectUri,
        scope: SCOPE,
        aud: `${ehrBase()}/fhir`,
        pkce: pkce(),
      }),
    );
    expect(hop.location).toBeUndefined();
    expect(hop.status).toBe(400);
    expect(hop.body).toContain('invalid_client');
  });

  it('shows an error page for an unregistered redirect_uri, never redirecting to it', async () => {
    const hop = await browse(
      ehrBase(),
      authorizeUrl(ehrBase(), {
        clientId: TEST_APP.clientId,
        redirectUri: 'http://127.0.0.1:9/callback/evil',
        scope: SCOPE,
        aud: `${ehrBase()}/fhir`,
        pkce: pkce(),
      }),
    );
    expect(hop.location).toBeUndefined();
    expect(hop.status).toBe(400);
    expect(hop.body).toContain('redirect_uri');
  });

  it('refuses a wrong aud', async () => {
    const params = await authorizeError({ aud: 'http://localhost:1/fhir' });
    expect(params.get('error')).toBe('invalid_request');
    expect(params.get('error_description')).toContain('aud');
  });

  it('refuses a missing PKCE challenge and the plain method', async () => {
    expect((await authorizeError({ pkce: null })).get('error')).toBe('invalid_request');
    const plain = await authorizeError({ pkce: { challenge: 'a'.repeat(43), method: 'plain' } });
    expect(plain.get('error')).toBe('invalid_request');
  });

  it('refuses an unknown launch and a launch without the launch scope', async () => {
    const unknown = await authorizeError({ launch: 'not-a-launch-we-issued' });
    expect(unknown.get('error_description')).toContain('launch');
    expect((await authorizeError({ scope: SCOPE })).get('error')).toBe('invalid_scope');
  });
});

describe('token', () => {
  it('returns the launch context, granted scopes, an id_token with fhirUser and a refresh token', async () => {
    const { body, accessToken } = await launchAndToken(SCOPE);
    expect(body).toMatchObject({
      token_type: 'Bearer',
      patient: SEED.patients.bereavedAndLonely,
      need_patient_banner: false,
    });
    expect(String(body.smart_style_url)).toMatch(/^http/);
    expect(String(body.scope).split(' ').sort()).toEqual([
      'fhirUser',
      'launch',
      'offline_access',
      'openid',
      'patient/*.rs',
      'user/Practitioner.rs',
    ]);
    expect(decodeJwt(String(body.id_token)).fhirUser).toBe(
      `${ehrBase()}/fhir/Practitioner/${SEED.gps[0] ?? ''}`,
    );
    expect(body.refresh_token).toEqual(expect.any(String));
    expect(decodeJwt(accessToken).aud).toBe(`${ehrBase()}/fhir`);
  });

  it('carries the encounter when the launch chose one', async () => {
    const base = ehrBase();
    const patient = SEED.patients.debtAndHousing;
    const launch = await issueLaunch(base, {
      patient,
      practitioner: SEED.gps[2] ?? '',
      launchUri: TEST_APP.launchUri,
      encounter: `${patient}-enc-1`,
    });
    const challenge = pkce();
    const hop = await browse(
      base,
      authorizeUrl(base, {
        clientId: TEST_APP.clientId,
        redirectUri: TEST_APP.redirectUri,
        scope: 'launch patient/*.rs',
        aud: `${base}/fhir`,
        launch,
        pkce: challenge,
      }),
    );
    const token = await tokenRequest(base, {
      grant_type: 'authorization_code',
      code: hop.location?.searchParams.get('code') ?? '',
      redirect_uri: TEST_APP.redirectUri,
      client_id: TEST_APP.clientId,
      code_verifier: challenge.verifier,
    });
    expect(token.body).toMatchObject({ patient, encounter: `${patient}-enc-1` });
  });

  async function freshCode(): Promise<{ code: string; verifier: string }> {
    const base = ehrBase();
    const challenge = pkce();
    const hop = await browse(
      base,
      authorizeUrl(base, {
        clientId: TEST_APP.clientId,
        redirectUri: TEST_APP.redirectUri,
        scope: `launch ${SCOPE}`,
        aud: `${base}/fhir`,
        launch: await launchId(),
        pkce: challenge,
      }),
    );
    return { code: hop.location?.searchParams.get('code') ?? '', verifier: challenge.verifier };
  }

  const exchange = (code: string, verifier: string, clientId = TEST_APP.clientId) =>
    tokenRequest(ehrBase(), {
      grant_type: 'authorization_code',
      code,
      redirect_uri: TEST_APP.redirectUri,
      client_id: clientId,
      code_verifier: verifier,
    });

  it('refuses a wrong or blank code_verifier', async () => {
    const { code } = await freshCode();
    expect((await exchange(code, pkce().verifier)).body.error).toBe('invalid_grant');
    const other = await freshCode();
    expect((await exchange(other.code, '')).status).toBe(400);
  });

  it('refuses a code presented by another client', async () => {
    const { code, verifier } = await freshCode();
    expect((await exchange(code, verifier, 'test-fhirclient')).body.error).toBe('invalid_grant');
  });

  it('refuses a reused code and revokes what the code issued', async () => {
    const { code, verifier } = await freshCode();
    const first = await exchange(code, verifier);
    const accessToken = String(first.body.access_token);
    expect((await proxied(`Patient/${SEED.patients.carerStrain}`, accessToken)).status).toBe(200);
    const second = await exchange(code, verifier);
    expect(second.body.error).toBe('invalid_grant');
    expect((await proxied(`Patient/${SEED.patients.carerStrain}`, accessToken)).status).toBe(401);
    const refresh = await tokenRequest(ehrBase(), {
      grant_type: 'refresh_token',
      refresh_token: String(first.body.refresh_token),
      client_id: TEST_APP.clientId,
    });
    expect(refresh.body.error).toBe('invalid_grant');
  });

  it('refreshes with the same or a narrower scope and refuses a broader one', async () => {
    const { body } = await launchAndToken(SCOPE);
    const narrower = await tokenRequest(ehrBase(), {
      grant_type: 'refresh_token',
      refresh_token: String(body.refresh_token),
      client_id: TEST_APP.clientId,
      scope: 'patient/*.rs',
    });
    expect(narrower.status).toBe(200);
    expect(narrower.body.scope).toBe('patient/*.rs');
    expect(narrower.body.patient).toBe(SEED.patients.bereavedAndLonely);
    const token = String(narrower.body.access_token);
    expect((await proxied(`Practitioner/${SEED.gps[0] ?? ''}`, token)).status).toBe(403);
    const broader = await tokenRequest(ehrBase(), {
      grant_type: 'refresh_token',
      refresh_token: String(narrower.body.refresh_token ?? body.refresh_token),
      client_id: TEST_APP.clientId,
      scope: 'patient/*.cruds',
    });
    expect(broader.body.error).toBe('invalid_scope');
  });
});
