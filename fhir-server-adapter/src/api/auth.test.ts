import type { Bundle } from 'fhir/r4';
import type { FhirGateway } from '../fhir/gateway';
import { membershipCheck } from './auth';

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
