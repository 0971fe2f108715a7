import { CaseReferrals, type ReferralReader } from './case-referrals';
import type { ReferralView } from './referral-details';

const view = (name: string): ReferralView => ({
  authoredOn: undefined,
  priority: 'routine',
  needs: [],
  context: undefined,
  contactPreferences: [],
  requester: undefined,
  patientRef: 'Patient/1',
  patient: {
    name,
    birthDate: undefined,
    gender: undefined,
    nhsNumber: undefined,
    phone: undefined,
    email: undefined,
    address: undefined,
  },
});

/** One server's referrals by id, recording which ids it was asked for. */
function server(names: Record<string, string>): ReferralReader & { asked: string[][] } {
  const asked: string[][] = [];
  return {
    asked,
    forReferrals: (ids) => {
      asked.push([...ids]);
      return Promise.resolve(
        new Map(ids.filter((id) => id in names).map((id) => [id, view(names[id] ?? '')])),
      );
    },
  };
}

describe('CaseReferrals', () => {
  it("reads each case's referral from its own endpoint, even when the ids collide", async () => {
    const north = server({ '1': 'Alpha' });
    const south = server({ '1': 'Bravo' });
    const referrals = new CaseReferrals(
      new Map([
        ['north', north],
        ['south', south],
      ]),
    );
    const found = await referrals.forCases([
      { id: 'case-n', endpoint: 'north', referralRef: 'ServiceRequest/1' },
      { id: 'case-s', endpoint: 'south', referralRef: 'ServiceRequest/1' },
    ]);
    expect(found.get('case-n')?.patient?.name).toBe('Alpha');
    expect(found.get('case-s')?.patient?.name).toBe('Bravo');
    expect([north.asked, south.asked]).toEqual([[['1']], [['1']]]);
  });

  it('leaves out the cases of an endpoint that is away, and says which', async () => {
    const failed: string[] = [];
    const referrals = new CaseReferrals(
      new Map<string, ReferralReader>([
        ['north', server({ '1': 'Alpha' })],
        ['south', { forReferrals: () => Promise.reject(new Error('ECONNREFUSED')) }],
      ]),
    );
    const found = await referrals.forCases(
      [
        { id: 'case-n', endpoint: 'north', referralRef: 'ServiceRequest/1' },
        { id: 'case-s', endpoint: 'south', referralRef: 'ServiceRequest/1' },
      ],
      (endpoint) => failed.push(endpoint),
    );
    expect([...found.keys()]).toEqual(['case-n']);
    expect(failed).toEqual(['south']);
  });
});
