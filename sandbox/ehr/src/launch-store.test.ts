import { LaunchStore } from './launch-store';

describe('LaunchStore', () => {
  it('finds an issued launch until it expires', () => {
    let now = 1_000;
    const store = new LaunchStore(60, () => now);
    const id = store.issue({ practitioner: 'gp1', patient: 'p1', needPatientBanner: false });
    expect(store.find(id)?.patient).toBe('p1');
    expect(store.find('made-up')).toBeUndefined();
    now += 60_000;
    expect(store.find(id)).toBeUndefined();
  });

  it('keeps the context of a grant', () => {
    const store = new LaunchStore(60);
    store.bindGrant('g1', { practitioner: 'gp1', patient: 'p1', needPatientBanner: true });
    expect(store.forGrant('g1')?.needPatientBanner).toBe(true);
    expect(store.forGrant(undefined)).toBeUndefined();
  });
});
