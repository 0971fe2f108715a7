import { SEED } from '@linkwell/ehr-sandbox';
import { ehrBase } from './ehr-env';
import { authorizeWithLaunch, issueLaunch, pkce, tokenRequest } from './smart-flow';
import { TEST_APP } from './test-clients';

export interface LaunchedToken {
  accessToken: string;
  body: Record<string, unknown>;
  code: string;
  verifier: string;
}

/** A complete EHR launch of the test app for a patient, returning the token response. */
export async function launchAndToken(
  scope: string,
  patient: string = SEED.patients.bereavedAndLonely,
  practitioner: string = SEED.gps[0] ?? '',
): Promise<LaunchedToken> {
  const base = ehrBase();
  const launch = await issueLaunch(base, { patient, practitioner, launchUri: TEST_APP.launchUri });
  const challenge = pkce();
  const { code } = await authorizeWithLaunch(base, {
    clientId: TEST_APP.clientId,
    redirectUri: TEST_APP.redirectUri,
    scope: `launch ${scope}`,
    aud: `${base}/fhir`,
    launch,
    pkce: challenge,
  });
  const token = await tokenRequest(base, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: TEST_APP.redirectUri,
    client_id: TEST_APP.clientId,
    code_verifier: challenge.verifier,
  });
  if (token.status !== 200) throw new Error(`token request failed: ${JSON.stringify(token.body)}`);
  return {
    accessToken: String(token.body.access_token),
    body: token.body,
    code,
    verifier: challenge.verifier,
  };
}
