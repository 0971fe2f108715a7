import type { OrganizationAffiliation, PractitionerRole } from 'fhir/r4';
import { configuredService, type ServiceOption } from './services';

const services: ServiceOption[] = [
  { reference: 'Organization/east', name: 'Eastfield' },
  { reference: 'Organization/river', name: 'Riverside' },
];
const roles: PractitionerRole[] = [
  { resourceType: 'PractitionerRole', organization: { reference: 'Organization/practice' } },
];
const affiliation = (service: string, practice = 'practice'): OrganizationAffiliation => ({
  resourceType: 'OrganizationAffiliation',
  active: true,
  organization: { reference: `Organization/${service}` },
  participatingOrganization: { reference: `Organization/${practice}` },
});

describe('the service configured for the practice', () => {
  it("is the affiliated service of the GP's practice", () => {
    expect(configuredService(services, [affiliation('river')], roles)).toBe('Organization/river');
  });

  it('is none for another practice, an unknown service, or more than one service', () => {
    expect(configuredService(services, [affiliation('river', 'elsewhere')], roles)).toBeUndefined();
    expect(configuredService(services, [affiliation('gone')], roles)).toBeUndefined();
    expect(
      configuredService(services, [affiliation('river'), affiliation('east')], roles),
    ).toBeUndefined();
    expect(configuredService(services, [], roles)).toBeUndefined();
  });
});
