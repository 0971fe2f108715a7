import { fireEvent, render, screen } from '@testing-library/react';
import { fakeApi } from '../../test-support/fake-api';
import { DirectoryImportPanel } from './DirectoryImportPanel';
import type { DirectoryImport } from './types';

const base: DirectoryImport = {
  id: 'imp-1',
  feedName: 'Riverside directory',
  state: 'running',
  startedAt: '2026-11-30T09:00:00Z',
  pagesRead: 1,
  totalPages: 4,
  seen: 100,
  created: 90,
  updated: 0,
  unchanged: 8,
  inactivated: 0,
  refused: [{ id: 'svc-bad', reasons: ['organization.name: required'] }],
};

describe('the directory import panel', () => {
  it('starts an import, shows its progress page by page, then what it did and why records were refused', async () => {
    const reads: DirectoryImport[] = [
      { ...base, pagesRead: 3, seen: 300 },
      {
        ...base,
        state: 'done',
        finishedAt: '2026-11-30T09:01:00Z',
        pagesRead: 4,
        seen: 398,
        created: 380,
        unchanged: 10,
        inactivated: 7,
      },
    ];
    const asked: string[] = [];
    const api = Object.assign(fakeApi({ posts: { 'directory/import': base } }), {
      get: <T,>(path: string): Promise<T> => {
        asked.push(path);
        return Promise.resolve((reads.shift() ?? reads[0]) as T);
      },
    });
    render(<DirectoryImportPanel api={api} />);
    fireEvent.click(screen.getByRole('button', { name: 'Import the directory now' }));
    expect(await screen.findByText(/page 1 of 4; 100 services read/)).toBeTruthy();
    expect(
      screen.getByRole<HTMLButtonElement>('button', { name: 'Import the directory now' }).disabled,
    ).toBe(true);
    expect(await screen.findByText(/page 3 of 4; 300 services read/)).toBeTruthy();
    expect(
      await screen.findByText(
        /Imported Riverside directory at .*: 398 services read: 380 new, 0 updated, 10 unchanged, 7 no longer in the feed, 1 refused/,
      ),
    ).toBeTruthy();
    expect(asked).toEqual(['directory/import/imp-1', 'directory/import/imp-1']);
    expect(screen.getByText('svc-bad: organization.name: required')).toBeTruthy();
    expect(
      screen.getByRole<HTMLButtonElement>('button', { name: 'Import the directory now' }).disabled,
    ).toBe(false);
  });

  it('says when the adapter refuses to start one', async () => {
    const api = fakeApi({});
    render(<DirectoryImportPanel api={api} />);
    fireEvent.click(screen.getByRole('button', { name: 'Import the directory now' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/no fake answer/);
  });
});
