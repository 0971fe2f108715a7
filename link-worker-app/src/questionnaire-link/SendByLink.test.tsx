import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { CasePage } from '../components/CasePage';
import { fakeApi } from '../../test-support/fake-api';

// The first render of a whole case page can take over a second on a busy machine.
configure({ asyncUtilTimeout: 5000 });

const PATH = 'cases/case-1/questionnaire-links';

describe('questionnaire by link', () => {
  it('makes a one-time link and shows it as a link and a QR code', async () => {
    const api = fakeApi({
      reads: { [PATH]: { links: [] } },
      posts: {
        [PATH]: {
          id: 'l-1',
          instrument: 'swemwbs',
          timing: 'follow-up',
          expiresAt: '2025-03-08T10:00:00Z',
          url: 'http://localhost:8092/q/abc.def',
          qr: 'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=',
        },
      },
    });
    // The links are sent from the Measures section.
    render(<CasePage api={api} caseId="case-1" section="measures" onBack={jest.fn()} />);
    const section = await screen.findByRole('region', { name: 'Send a measure by link' });
    fireEvent.change(within(section).getByLabelText('Measure to send'), {
      target: { value: 'swemwbs' },
    });
    fireEvent.click(within(section).getByRole('button', { name: 'Make a one-time link' }));
    const link = await within(section).findByRole('link', {
      name: 'http://localhost:8092/q/abc.def',
    });
    expect(link.getAttribute('href')).toBe('http://localhost:8092/q/abc.def');
    expect(
      within(section).getByAltText('QR code of the questionnaire link').getAttribute('src'),
    ).toMatch(/^data:image\/svg\+xml/);
    await waitFor(() => {
      expect(api.changes).toEqual([
        {
          method: 'POST',
          path: PATH,
          body: { instrument: 'swemwbs', timing: 'follow-up', share: true },
        },
      ]);
    });
  });
});
