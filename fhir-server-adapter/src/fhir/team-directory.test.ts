import type { Bundle, FhirResource } from 'fhir/r4';
import { SERVICE_MANAGER_ROLE } from '@linkwell/profiles';
import type { FhirGateway } from './gateway';
import { TeamDirectory, teamFrom } from './team-directory';

const practitioner = (id: string, given: string, family: string): FhirResource => ({
  resourceType: 'Practitioner',
  id,
  name: [{ given: [given], family }],
});
const role = (id: string, org: string, active?: boolean): FhirResource => ({
  resourceType: 'PractitionerRole',
  id: `${id}-role`,
  practitioner: { reference: `Practitioner/${id}` },
  organization: { reference: `Organization/${org}` },
  ...(active === undefined ? {} : { active }),
});
const managerRole = (id: string, org: string, active?: boolean): FhirResource => ({
  ...(role(id, org, active) as object),
  resourceType: 'PractitionerRole',
  id: `${id}-manager-role`,
  code: [{ coding: [{ ...SERVICE_MANAGER_ROLE }] }],
});
const page: FhirResource[] = [
  role('bell', 'svc'),
  role('nair', 'svc'),
  managerRole('nair', 'svc'),
  managerRole('lowe', 'other'),
  managerRole('carter', 'svc', false),
  practitioner('nair', 'Priya', 'Nair'),
  role('carter', 'svc'),
  role('gone', 'svc', false),
  role('lowe', 'other'),
  practitioner('bell', 'Jo', 'Bell'),
  practitioner('carter', 'Sam', 'Carter'),
  practitioner('gone', 'Ex', 'Member'),
];

describe('teamFrom', () => {
  it('lists active members of the service by name', () => {
    expect(teamFrom(page, 'svc')).toEqual([
      { practitioner: 'Practitioner/bell', name: 'Jo Bell', manager: false },
      { practitioner: 'Practitioner/nair', name: 'Priya Nair', manager: true },
      { practitioner: 'Practitioner/carter', name: 'Sam Carter', manager: false },
    ]);
  });
});

describe('TeamDirectory', () => {
  it('keeps the team for 30 s and names a former member by reading them', async () => {
    let clock = 0;
    let searches = 0;
    const gateway = {
      search: (): Promise<Bundle> => {
        searches += 1;
        return Promise.resolve({
          resourceType: 'Bundle',
          type: 'searchset',
          entry: page.map((resource) => ({ resource })),
        });
      },
      nextPage: () => Promise.resolve(undefined),
      read: (_type: string, id: string) =>
        Promise.resolve(page.find((r) => r.resourceType === 'Practitioner' && r.id === id)),
    } as unknown as FhirGateway;
    const team = new TeamDirectory(gateway, 'svc', () => clock);
    expect(await team.nameOf('Practitioner/carter')).toBe('Sam Carter');
    expect(await team.nameOf('Practitioner/gone')).toBe('Ex Member');
    expect((await team.members()).length).toBe(3);
    expect(await team.isManager('Practitioner/nair')).toBe(true);
    expect(await team.isManager('Practitioner/carter')).toBe(false);
    expect(searches).toBe(1);
    clock += 31_000;
    await team.members();
    expect(searches).toBe(2);
  });
});
