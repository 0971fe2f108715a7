import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle } from 'fhir/r4';
import { SEED } from '@linkwell/ehr-sandbox';
import { fhirRequest, uniqueId } from '../support/fhir-http';
import { ehrBase } from '../ehr/support/ehr-env';
import { authorizeWithLaunch, issueLaunch, pkce, tokenRequest } from '../ehr/support/smart-flow';
import { GP_APP_SCOPES, rawProxy } from './support/attack';

// The GP app as registered in sandbox/ehr/clients.json, launched by the EHR with an auto-approved
// launch, asks for more than it uses: it gets at most its allowlist, and HAPI shows nothing written.
const GP = 'linkwell-gp-app';
const registered = (
  JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'sandbox', 'ehr', 'clients.json'), 'utf8'),
  ) as {
    clients: {
      client_id: string;
      launch_uri: string;
      redirect_uris: string[];
      allowed_scopes: string[];
    }[];
  }
).clients.find((client) => client.client_id === GP);
const resourceScopes = (scope: string): string[] =>
  scope.split(' ').filter((s) => /^(patient|user|system)\//.test(s));

async function gpLaunch(
  scope: string,
): Promise<{ scope: string; token: string; claims: { scope?: string } }> {
  const base = ehrBase();
  const launch = await issueLaunch(base, {
    patient: SEED.patients.bereavedAndLonely,
    practitioner: SEED.gps[0] ?? '',
    launchUri: registered?.launch_uri ?? '',
  });
  const challenge = pkce();
  const redirectUri = registered?.redirect_uris[0] ?? '';
  const { code } = await authorizeWithLaunch(base, {
    clientId: GP,
    redirectUri,
    scope: `launch openid fhirUser ${scope}`,
    aud: `${base}/fhir`,
    launch,
    pkce: challenge,
  });
  const answer = await tokenRequest(base, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    client_id: GP,
    code_verifier: challenge.verifier,
  });
  expect(answer.status).toBe(200);
  const token = String(answer.body.access_token);
  const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
    scope?: string;
  };
  return { scope: String(answer.body.scope), token, claims };
}

describe('scope allowlists (sandbox/ehr/clients.json allowed_scopes)', () => {
  it('registers the GP app with exactly the scopes it uses', () => {
    expect([...(registered?.allowed_scopes ?? [])].sort()).toEqual(
      resourceScopes(GP_APP_SCOPES).sort(),
    );
  });

  it('grants the GP app everything it uses and nothing wider when it asks for user/*.cruds', async () => {
    const own = await gpLaunch(GP_APP_SCOPES);
    expect(resourceScopes(own.scope).sort()).toEqual(resourceScopes(GP_APP_SCOPES).sort());

    const greedy = await gpLaunch('user/*.cruds patient/*.cruds user/PractitionerRole.rs');
    for (const granted of [
      resourceScopes(greedy.scope),
      resourceScopes(greedy.claims.scope ?? ''),
    ]) {
      expect(granted).toEqual(['user/PractitionerRole.rs']);
      for (const scope of granted) expect(registered?.allowed_scopes).toContain(scope);
    }

    // The attack from the issue: make another service's link worker a member. Refused, not in HAPI.
    const id = uniqueId('sec-role');
    const role = {
      resourceType: 'PractitionerRole',
      id,
      active: true,
      practitioner: { reference: `Practitioner/${SEED.otherLinkWorker}` },
      organization: { reference: `Organization/${SEED.linkWorkerService}` },
    };
    const body = JSON.stringify(role);
    expect((await rawProxy('PUT', `PractitionerRole/${id}`, greedy.token, { body })).status).toBe(
      403,
    );
    const posted = await rawProxy('POST', 'PractitionerRole', greedy.token, {
      body: JSON.stringify({ ...role, id: undefined }),
    });
    expect(posted.status).toBe(403);
    expect([404, 410]).toContain((await fhirRequest('GET', `PractitionerRole/${id}`)).status);
    const roles = await fhirRequest<Bundle>(
      'GET',
      `PractitionerRole?practitioner=Practitioner/${SEED.otherLinkWorker}&organization=Organization/${SEED.linkWorkerService}`,
    );
    expect(roles.body.entry ?? []).toHaveLength(0);
  });
});
