import { act, renderHook, waitFor } from '@testing-library/react';
import { fakeApi } from '../../test-support/fake-api';
import type { ServiceResult } from './types';
import { useDirectory } from './use-directory';

const named = (id: string): ServiceResult => ({
  id,
  name: id,
  categories: [],
  where: [],
  opening: [],
  contacts: [],
  phones: [],
});

describe('useDirectory', () => {
  it('shows the latest search even when an earlier one answers after it', async () => {
    const answers: ((services: ServiceResult[]) => void)[] = [];
    const api = Object.assign(fakeApi({}), {
      searchServices: () =>
        new Promise<{ total: number; services: ServiceResult[] }>((resolve) => {
          answers.push((services) => {
            resolve({ total: services.length, services });
          });
        }),
    });
    const { result } = renderHook(() => useDirectory(api, 'case-1'));
    await waitFor(() => {
      expect(answers).toHaveLength(1);
    });
    let asked: Promise<void> = Promise.resolve();
    act(() => {
      asked = result.current.search({ text: 'kettle' });
    });
    await act(async () => {
      answers[1]?.([named('kettle-club')]);
      await asked;
    });
    expect(result.current.results.map((s) => s.id)).toEqual(['kettle-club']);
    // The first search (everything, nearest first) answers late: it must not replace the results.
    await act(async () => {
      answers[0]?.([named('a'), named('b'), named('c')]);
      await Promise.resolve();
    });
    expect(result.current.results.map((s) => s.id)).toEqual(['kettle-club']);
    expect(result.current.total).toBe(1);
    expect(result.current.state).toBe('ready');
  });
});
