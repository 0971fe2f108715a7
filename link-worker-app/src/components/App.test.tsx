import { act, fireEvent, render, screen } from '@testing-library/react';
import { caseloadRow, fakeApi, ME } from '../../test-support/fake-api';
import { App } from './App';

// The app's places through react-router: the address picks the page, the header's links and the
// pages' own buttons change it, and back returns to where the worker was.
const session = { practitioner: ME, name: 'Jo Carter' } as never;
const rows = [caseloadRow('a', { patientName: 'Margaret Ellison' })];

const renderAt = (path: string) => {
  window.history.pushState(null, '', path);
  return render(<App api={fakeApi({ rows })} session={session} onSignOut={jest.fn()} />);
};

const scrollTo = jest.fn();
beforeEach(() => {
  window.scrollTo = scrollTo;
});

describe('App places', () => {
  it.each(['/cases/not%20an%20id!', '/cases/a/NOT-A-SECTION', '/somewhere-else'])(
    'shows the caseload for %s, which is not one of its places or cases',
    async (path) => {
      renderAt(path);
      expect(await screen.findByRole('heading', { name: 'Caseload', level: 1 })).toBeTruthy();
    },
  );

  it('goes to the diary and back with the header links and the browser history', async () => {
    renderAt('/');
    await screen.findByRole('link', { name: 'Margaret Ellison' });
    fireEvent.click(screen.getByRole('link', { name: 'Diary' }));
    expect(window.location.pathname).toBe('/diary');
    expect(scrollTo).toHaveBeenCalledWith(0, 0);
    expect(await screen.findByRole('heading', { name: /diary/i, level: 1 })).toBeTruthy();
    act(() => {
      window.history.back();
    });
    expect(await screen.findByRole('link', { name: 'Margaret Ellison' })).toBeTruthy();
  });

  it("opens a case from the caseload at the case's own address", async () => {
    renderAt('/');
    fireEvent.click(await screen.findByRole('link', { name: 'Margaret Ellison' }));
    expect(window.location.pathname).toBe('/cases/a');
  });
});
