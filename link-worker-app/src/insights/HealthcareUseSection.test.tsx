import { fireEvent, render, screen } from '@testing-library/react';
import type { EncounterRefreshStatus, HealthcareUse } from '@linkwell/contracts';
import { fakeApi } from '../../test-support/fake-api';
import { HealthcareUseSection } from './HealthcareUseSection';

const shown = (value: number) => ({ value, suppressed: false }) as const;
const refresh = (patch: Partial<EncounterRefreshStatus>): EncounterRefreshStatus => ({
  id: 'job-1',
  status: 'done',
  patients: 10,
  read: 10,
  progress: 1,
  startedAt: '2026-12-01T09:00:00.000Z',
  finishedAt: '2026-12-01T09:00:05.000Z',
  failedEndpoints: [],
  failedRecordNames: [],
  ...patch,
});
const use = (latest: EncounterRefreshStatus | null): HealthcareUse => ({
  classification: ['GP contact: ambulatory Encounters at the practice'],
  windowRule: 'Counted from the first consented referral.',
  consented: shown(10),
  awaitingRead: shown(0),
  refresh: latest,
  overall: [],
  byCohort: [],
  byPractice: [],
});
const show = (data: HealthcareUse, api = fakeApi({})) =>
  render(<HealthcareUseSection use={data} api={api} onRefreshed={jest.fn()} />);

describe('healthcare use: reading the Encounters', () => {
  it('names the GP records a refresh could not read', () => {
    show(
      use(
        refresh({
          status: 'failed',
          read: 5,
          failedEndpoints: ['practice-b'],
          failedRecordNames: ['Surgery B'],
        }),
      ),
    );
    expect(screen.getByText(/failed part way/).textContent).toContain(
      'Not read from Surgery B: the people registered there keep their older figures.',
    );
  });

  it('says only that it failed when no record is to blame (an older adapter)', () => {
    show(
      use(refresh({ status: 'failed', failedEndpoints: undefined, failedRecordNames: undefined })),
    );
    expect(screen.getByText(/failed part way/).textContent).not.toContain('Not read from');
  });

  it('starts a refresh and shows how far it is', async () => {
    const api = fakeApi({
      posts: {
        'insights/healthcare-use/refresh': refresh({ status: 'running', read: 3, progress: 0.3 }),
      },
    });
    show(use(null), api);
    fireEvent.click(screen.getByRole('button', { name: 'Read Encounters from the GP record' }));
    expect(await screen.findByText(/3 of/)).toBeTruthy();
    expect(screen.getByRole('progressbar').getAttribute('value')).toBe('0.3');
  });
});
