import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEED, startEhrSandbox, type EhrSandbox } from '@linkwell/ehr-sandbox';
import { testFhirBase } from '../support/fhir-http';
import { ehrEnv } from './support/ehr-env';
import { authorizeUrl, browse, issueLaunch, pkce, tokenRequest } from './support/smart-flow';
import { TEST_APP } from './support/test-clients';

// Expiry needs short lifetimes, so this file starts its own sandbox (codes 1 s, tokens 2 s, launches 1 s).
let sandbox: EhrSandbox;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  sandbox = await startEhrSandbox({
    fhirUpstream: testFhirBase(),
    clientsFiles: [ehrEnv('LINKWELL_TEST_EHR_CLIENTS_FILE')],
    keysDir: join(mkdtempSync(join(tmpdir(), 'linkwell-ehr-expiry-')), 'keys'),
    loadSeed: false,
    env: {
      EHR_CODE_TTL_SECONDS: '1',
      EHR_ACCESS_TOKEN_TTL_SECONDS: '2',
      EHR_LAUNCH_TTL_SECONDS: '1',
    },
  });
});

afterAll(async () => {
  await sandbox.stop();
});

async function code(): Promise<{ code: string; verifier: string }> {
  const base = sandbox.baseUrl;
  const launch = await issueLaunch(base, {
    patient: SEED.patients.carerStrain,
    practitioner: SEED.gps[0] ?? '',
    launchUri: TEST_APP.launchUri,
  });
  const challenge = pkce();
  const hop = await browse(
    base,
    authorizeUrl(base, {
      clientId: TEST_APP.clientId,
      redirectUri: TEST_APP.redirectUri,
      scope: 'launch patient/*.rs',
      aud: sandbox.fhirBase,
      launch,
      pkce: challenge,
    }),
  );
  return { code: hop.location?.searchParams.get('code') ?? '', verifier: challenge.verifier };
}

it('refuses an expired authorization code', async () => {
  const issued = await code();
  await sleep(2100);
  const token = await tokenRequest(sandbox.baseUrl, {
    grant_type: 'authorization_code',
    code: issued.code,
    redirect_uri: TEST_APP.redirectUri,
    client_id: TEST_APP.clientId,
    code_verifier: issued.verifier,
  });
  expect(token.body.error).toBe('invalid_grant');
});

it('refuses an expired access token at the proxy', async () => {
  const issued = await code();
  const token = await tokenRequest(sandbox.baseUrl, {
    grant_type: 'authorization_code',
    code: issued.code,
    redirect_uri: TEST_APP.redirectUri,
    client_id: TEST_APP.clientId,
    code_verifier: issued.verifier,
  });
  const read = () =>
    fetch(`${sandbox.fhirBase}/Patient/${SEED.patients.carerStrain}`, {
      headers: { authorization: `Bearer ${String(token.body.access_token)}` },
    });
  expect((await read()).status).toBe(200);
  await sleep(3100);
  const expired = await read();
  expect(expired.status).toBe(401);
  expect(await expired.text()).toContain('ERR_JWT_EXPIRED');
});

it('refuses an expired launch', async () => {
  const base = sandbox.baseUrl;
  const launch = await issueLaunch(base, {
    patient: SEED.patients.carerStrain,
    practitioner: SEED.gps[0] ?? '',
    launchUri: TEST_APP.launchUri,
  });
  await sleep(1500);
  const hop = await browse(
    base,
    authorizeUrl(base, {
      clientId: TEST_APP.clientId,
      redirectUri: TEST_APP.redirectUri,
      scope: 'launch patient/*.rs',
      aud: sandbox.fhirBase,
      launch,
      pkce: pkce(),
    }),
  );
  expect(hop.location?.searchParams.get('error_description')).toContain('launch');
});
