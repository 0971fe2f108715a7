import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle, Resource } from 'fhir/r4';
import { loadSeed, SEED, SEED_DIR } from '@linkwell/ehr-sandbox';
import { fhirRequest, uniqueId } from '../support/fhir-http';
import { ehrBase } from './support/ehr-env';
import { authorizeUrl, browse, pkce, tokenRequest } from './support/smart-flow';
import { TEST_APP, TEST_SIGN_IN_CLIENT } from './support/test-clients';

// The launch page, the script-friendly launch URL, standalone launch, link-worker sign-in and the seed.
describe('seed data', () => {
  it('loads twice without creating anything new', async () => {
    // Other test files write to the same server in parallel: compare the seed's own resources only.
    const urls = readdirSync(SEED_DIR)
      .filter((name) => name.endsWith('.json'))
      .flatMap((name) => {
        const bundle = JSON.parse(readFileSync(join(SEED_DIR, name), 'utf8')) as Bundle;
        return (bundle.entry ?? []).map((entry) => entry.request?.url ?? '');
      });
    const versions = () =>
      Promise.all(
        urls.map(async (url) => (await fhirRequest<Resource>('GET', url)).body.meta?.versionId),
      );
    const before = await versions();
    expect(before.every((version) => version !== undefined)).toBe(true);
    await loadSeed(process.env.LINKWELL_TEST_FHIR_BASE ?? '');
    expect(await versions()).toEqual(before);
    const service = await fhirRequest<{ name: string }>(
      'GET',
      `Organization/${SEED.otherLinkWorkerService}`,
    );
    expect(service.status).toBe(200);
  });
});

describe('launch page', () => {
  it('lists practitioners, patients and registered apps, and shows the EHR page with a banner', async () => {
    const page = await (await fetch(`${ehrBase()}/`)).text();
    expect(page).toContain('Dr Amara Okafor');
    expect(page).toContain('Margaret Ellison');
    expect(page).toContain('Linkwell GP app');
    const ehr = await (
      await fetch(
        `${ehrBase()}/ehr?client=linkwell-gp-app&patient=${SEED.patients.bereavedAndLonely}&practitioner=${SEED.gps[0] ?? ''}`,
      )
    ).text();
    expect(ehr).toContain('class="banner"');
    expect(ehr).toContain('<iframe');
  });

  it("leaves the demo's made-up healthcare-use Patients out of the picker", async () => {
    const [made, real] = [uniqueId('demo-made'), uniqueId('picked')];
    for (const [id, tagged] of [
      [made, true],
      [real, false],
    ] as const) {
      const written = await fhirRequest('PUT', `Patient/${id}`, {
        resourceType: 'Patient',
        id,
        ...(tagged
          ? {
              meta: {
                tag: [
                  {
                    system: 'https://linkwell.example.org/fhir/sid/demo-data',
                    code: 'synthetic-healthcare-use',
                  },
                ],
              },
            }
          : {}),
        name: [{ text: `Person ${id}` }],
      });
      expect(written.status).toBe(201);
    }
    const page = await (await fetch(`${ehrBase()}/`)).text();
    expect(page).toContain(`value="${real}"`);
    expect(page).not.toContain(`value="${made}"`);
  });

  it('redirects the script-friendly launch URL to launch_uri with iss and launch', async () => {
    const query = new URLSearchParams({
      patient: SEED.patients.bereavedAndLonely,
      practitioner: SEED.gps[0] ?? '',
      launch_uri: TEST_APP.launchUri,
    });
    const response = await fetch(`${ehrBase()}/launch?${query.toString()}`, { redirect: 'manual' });
    const location = new URL(response.headers.get('location') ?? '');
    expect(response.status).toBe(302);
    expect(location.origin + location.pathname).toBe(TEST_APP.launchUri);
    expect(location.searchParams.get('iss')).toBe(`${ehrBase()}/fhir`);
    expect(location.searchParams.get('launch')).toMatch(/^[\w-]{16,}$/);
  });

  it('refuses to launch an unregistered app or an unknown patient', async () => {
    const launch = (params: Record<string, string>) =>
      fetch(`${ehrBase()}/launch?${new URLSearchParams(params).toString()}`, {
        redirect: 'manual',
      });
    expect(
      (
        await launch({
          patient: SEED.patients.carerStrain,
          practitioner: SEED.gps[0] ?? '',
          launch_uri: 'http://evil.example/launch',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await launch({
          patient: 'no-such-patient',
          practitioner: SEED.gps[0] ?? '',
          launch_uri: TEST_APP.launchUri,
        })
      ).status,
    ).toBe(400);
  });
});

describe('standalone launch and sign-in', () => {
  it('shows a patient picker and puts the chosen patient in the token response', async () => {
    const base = ehrBase();
    const challenge = pkce();
    const picker = await browse(
      base,
      authorizeUrl(base, {
        clientId: TEST_APP.clientId,
        redirectUri: TEST_APP.redirectUri,
        scope: 'launch/patient openid fhirUser patient/*.rs',
        aud: `${base}/fhir`,
        pkce: challenge,
      }),
    );
    expect(picker.status).toBe(200);
    expect(picker.body).toContain('name="patient"');
    const chosen = await browse(
      base,
      picker.url,
      { practitioner: SEED.gps[1] ?? '', patient: SEED.patients.debtAndHousing },
      picker.cookies,
    );
    const token = await tokenRequest(base, {
      grant_type: 'authorization_code',
      code: chosen.location?.searchParams.get('code') ?? '',
      redirect_uri: TEST_APP.redirectUri,
      client_id: TEST_APP.clientId,
      code_verifier: challenge.verifier,
    });
    expect(token.body).toMatchObject({
      patient: SEED.patients.debtAndHousing,
      need_patient_banner: true,
    });
  });

  it('signs a link worker in with OpenID Connect', async () => {
    const base = ehrBase();
    const challenge = pkce();
    const redirectUri = 'http://127.0.0.1:9/auth/callback';
    const form = await browse(
      base,
      authorizeUrl(base, {
        clientId: TEST_SIGN_IN_CLIENT,
        redirectUri,
        scope: 'openid fhirUser profile',
        aud: '',
        pkce: challenge,
      }),
    );
    expect(form.body).not.toContain('name="patient"');
    const signedIn = await browse(
      base,
      form.url,
      { practitioner: SEED.linkWorkers[0] ?? '' },
      form.cookies,
    );
    const token = await tokenRequest(base, {
      grant_type: 'authorization_code',
      code: signedIn.location?.searchParams.get('code') ?? '',
      redirect_uri: redirectUri,
      client_id: TEST_SIGN_IN_CLIENT,
      code_verifier: challenge.verifier,
    });
    const idToken = JSON.parse(
      Buffer.from(String(token.body.id_token).split('.')[1] ?? '', 'base64url').toString(),
    ) as Record<string, unknown>;
    expect(idToken.fhirUser).toBe(`${base}/fhir/Practitioner/${SEED.linkWorkers[0] ?? ''}`);
    expect(token.body.patient).toBeUndefined();
  });
});
