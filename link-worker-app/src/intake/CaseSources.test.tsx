import { render, screen } from '@testing-library/react';
import { fakeApi } from '../../test-support/fake-api';
import { TabbedCase } from '../../test-support/tabbed-case';

describe('CaseSources', () => {
  it('lists every referral of the person, the GP’s among them', async () => {
    const api = fakeApi({
      reads: {
        'cases/case-1/sources': {
          local: false,
          person: null,
          sources: [
            {
              kind: 'housing',
              referrerName: 'Sam Okoro',
              referrerOrganisation: 'Riverside Housing',
              reason: 'Rent arrears',
              needs: [],
              recordedAt: '2025-03-01T10:00:00Z',
            },
            { kind: 'gp', needs: [], recordedAt: '2025-03-04T10:00:00Z' },
          ],
        },
      },
    });
    render(<TabbedCase api={api} />);
    const region = await screen.findByRole('region', { name: 'Referrals' });
    expect(region.textContent).toContain('Housing');
    expect(region.textContent).toContain('Sam Okoro · Riverside Housing');
    expect(region.textContent).toContain('Reason: Rent arrears');
    expect(region.textContent).toContain('GP referral');
  });

  it('says when the case is kept by the service only, and shows nothing extra for a GP referral alone', async () => {
    const local = fakeApi({
      reads: {
        'cases/case-1/sources': {
          local: true,
          person: { given: 'Ann', family: 'Lee', birthDate: '1970-01-02' },
          sources: [{ kind: 'self', needs: [], recordedAt: '2025-03-01T10:00:00Z' }],
        },
      },
    });
    const { unmount } = render(<TabbedCase api={local} />);
    const region = await screen.findByRole('region', { name: 'Referred by' });
    expect(region.textContent).toMatch(/kept by the service only \(Ann Lee, born/);
    unmount();
    render(<TabbedCase api={fakeApi({})} />);
    await screen.findByRole('region', { name: 'Referral' });
    expect(screen.queryByRole('region', { name: /Referred by|Referrals/ })).toBeNull();
  });
});
