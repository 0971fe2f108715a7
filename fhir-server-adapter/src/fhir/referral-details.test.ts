import type { Bundle, HealthcareService, Location, Patient, ServiceRequest } from 'fhir/r4';
import { buildReferral } from '@linkwell/profiles';
import type { FhirGateway } from './gateway';
import { ReferralDetails, referralView } from './referral-details';
import { communityService } from './service-directory';

const patient: Patient = {
  resourceType: 'Patient',
  id: 'p1',
  name: [{ use: 'official', given: ['Margaret'], family: 'Ellison' }],
  birthDate: '1944-03-12',
  identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990001111' }],
  telecom: [{ system: 'phone', value: '01234 567890' }],
  address: [{ line: ['1 Mill Lane'], city: 'Riverside', postalCode: 'ZZ1 3CC' }],
};
const referral: ServiceRequest = {
  ...buildReferral({
    identifier: 'r1',
    patient: 'Patient/p1',
    requester: 'Practitioner/gp',
    performer: 'Organization/svc',
    authoredOn: '2025-03-01T09:30:00Z',
    needs: ['loneliness', 'bereavement'],
    priority: 'urgent',
    note: 'Lost her husband in January',
    contactPreferences: ['phone'],
  }),
  id: 'sr1',
};

describe('referralView', () => {
  it('reads needs, context, urgency, contact preferences and the patient', () => {
    expect(referralView(referral, patient)).toEqual({
      authoredOn: '2025-03-01T09:30:00Z',
      priority: 'urgent',
      needs: [
        { code: 'loneliness', display: 'Loneliness' },
        { code: 'bereavement', display: 'Bereavement' },
      ],
      context: 'Lost her husband in January',
      contactPreferences: [{ code: 'phone', display: 'Telephone call' }],
      requester: undefined,
      patientRef: 'Patient/p1',
      patient: {
        name: 'Margaret Ellison',
        birthDate: '1944-03-12',
        gender: undefined,
        nhsNumber: '9990001111',
        phone: '01234 567890',
        email: undefined,
        address: '1 Mill Lane, Riverside, ZZ1 3CC',
      },
    });
  });
});

describe('ReferralDetails', () => {
  it('searches in chunks with the patients included, and caches', async () => {
    const searches: Record<string, string>[] = [];
    const gateway = {
      search: (_type: string, params: Record<string, string>): Promise<Bundle> => {
        searches.push(params);
        const ids = (params._id ?? '').split(',');
        return Promise.resolve({
          resourceType: 'Bundle',
          type: 'searchset',
          entry: [
            ...ids.map((id) => ({ resource: { ...referral, id } })),
            { resource: patient, search: { mode: 'include' as const } },
          ],
        });
      },
      nextPage: () => Promise.resolve(undefined),
    } as unknown as FhirGateway;
    const details = new ReferralDetails(gateway);
    const ids = Array.from({ length: 120 }, (_, i) => `sr${i}`);
    const views = await details.forReferrals(ids);
    expect(views.size).toBe(120);
    expect(views.get('sr7')?.patient?.name).toBe('Margaret Ellison');
    expect(searches.map((s) => s._id?.split(',').length)).toEqual([50, 50, 20]);
    expect(searches[0]?._include).toEqual(['ServiceRequest:subject', 'ServiceRequest:requester']);
    await details.forReferrals(['sr1', 'sr2']);
    expect(searches).toHaveLength(3);
  });
});

describe('communityService', () => {
  it('names the service, what it offers and where', () => {
    const location: Location = {
      resourceType: 'Location',
      id: 'l1',
      name: 'Riverside Park gates',
      address: { line: ['Park Road'], city: 'Riverside' },
    };
    const service: HealthcareService = {
      resourceType: 'HealthcareService',
      id: 'walk',
      name: 'Riverside Ramblers walking group',
      comment: 'Friendly weekly walks',
      category: [{ text: 'Community and voluntary sector' }],
      location: [{ reference: 'Location/l1' }],
    };
    expect(communityService(service, new Map([['Location/l1', location]]))).toEqual({
      id: 'walk',
      name: 'Riverside Ramblers walking group',
      offers: 'Friendly weekly walks',
      category: 'Community and voluntary sector',
      where: 'Riverside Park gates, Park Road, Riverside',
    });
  });
});
