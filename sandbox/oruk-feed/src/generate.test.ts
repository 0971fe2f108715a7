import { generateFeed } from './generate';
import { page } from './server';

describe('synthetic ORUK feed', () => {
  it('is the same every time for the same seed, and different for another', () => {
    expect(generateFeed({ count: 20 })).toEqual(generateFeed({ count: 20 }));
    expect(generateFeed({ count: 20, seed: 1 })).not.toEqual(generateFeed({ count: 20 }));
  });

  it('gives every service a venue with coordinates, a schedule and a taxonomy term', () => {
    const feed = generateFeed({ count: 50 });
    expect(new Set(feed.map((s) => s.id)).size).toBe(50);
    for (const service of feed) {
      expect(service.service_at_locations[0]?.location.latitude).toEqual(expect.any(Number));
      expect(service.schedules[0]?.byday).toMatch(
        /^(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*$/,
      );
      expect(service.attributes[0]?.taxonomy_term.code).toEqual(expect.any(String));
    }
  });

  it('pages like the HSDS list endpoint', () => {
    const feed = generateFeed({ count: 120 });
    const last = page(feed, 3, 50);
    expect(last).toMatchObject({ total_items: 120, total_pages: 3, page_number: 3, size: 20 });
    expect(last.last_page).toBe(true);
    expect(page(feed, 1, 50).first_page).toBe(true);
    expect(page([], 1, 50)).toMatchObject({ empty: true, total_pages: 1 });
  });
});
