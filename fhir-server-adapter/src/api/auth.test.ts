import type { Bundle } from 'fhir/r4';
import type { FhirGateway } from '../fhir/gateway';
import { SignJWT, exportJWK, generateKeyPair, createLocalJWKSet } from 'jose';
import { membershipCheck, oidcAuthenticator } from './auth';

describe('membershipCheck', () => {
  it('forgets a yes after 30 s and a no after 5 s, so a removed link worker loses access', async () => {
    let clock = 0;
    let member = true;
    let searches = 0;
    const gateway = {
      search: (): Promise<Bundle> => {
        searches += 1;
        return Promise.resolve({
          resourceType: 'Bundle',
          type: 'searchset',
          entry: [
            {
              resource: {
                resourceType: 'PractitionerRole',
                active: member,
                organization: { reference: 'Organization/svc' },
              },
            },
          ],
        });
      },
    } as unknown as FhirGateway;
    const isMember = membershipCheck({ gateway, serviceOrg: 'svc', now: () => clock });
    expect(await isMember('Practitioner/a')).toBe(true);
    member = false;
    clock = 29_000;
    expect(await isMember('Practitioner/a')).toBe(true);
    clock = 30_001;
    expect(await isMember('Practitioner/a')).toBe(false);
    member = true;
    clock = 34_000;
    expect(await isMember('Practitioner/a')).toBe(false);
    clock = 35_002;
    expect(await isMember('Practitioner/a')).toBe(true);
    expect(searches).toBe(3);
  });
});

describe('oidcAuthenticator', () => {
  const ISSUER = 'http://ehr.test';
  const API = 'http://adapter.test';
  const memberGateway = {
    search: () =>
      Promise.resolve({
        resourceType: 'Bundle',
        type: 'searchset',
        entry: [
          {
            resource: {
              resourceType: 'PractitionerRole',
              organization: { reference: 'Organization/svc' },
            },
          },
        ],
      }),
  } as unknown as FhirGateway;

  it('takes an access token for this API from the link-worker app, and no ID token', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), alg: 'RS256' }] });
    const authenticate = oidcAuthenticator({
      issuer: ISSUER,
      jwksUri: `${ISSUER}/jwks`,
      audience: API,
      clientId: 'lw-app',
      serviceOrg: 'svc',
      gateway: memberGateway,
      keys,
    });
    const token = (typ: string, claims: Record<string, unknown>): Promise<string> =>
      new SignJWT({ fhirUser: 'Practitioner/lw-1', client_id: 'lw-app', ...claims })
        .setProtectedHeader({ alg: 'RS256', typ })
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
    const bearer = async (typ: string, claims: Record<string, unknown>): Promise<string> =>
      `Bearer ${await token(typ, claims)}`;
    await expect(authenticate(await bearer('at+jwt', { aud: API }))).resolves.toEqual({
      practitioner: 'Practitioner/lw-1',
      serviceOrg: 'svc',
    });
    for (const [typ, claims] of [
      ['JWT', { aud: 'lw-app' }], // the ID token
      ['at+jwt', { aud: 'http://ehr.test/fhir' }], // a token for the FHIR server
      ['at+jwt', { aud: API, client_id: 'other-app' }],
      ['JWT', { aud: API }],
    ] as const) {
      await expect(authenticate(await bearer(typ, claims))).rejects.toMatchObject({ status: 401 });
    }
  });
});
