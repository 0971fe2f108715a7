import type { Bundle } from 'fhir/r4';
import { PageRegistry, pageHolder } from './page-registry';

const searchset = (page: string): Bundle => ({
  resourceType: 'Bundle',
  type: 'searchset',
  link: [{ relation: 'next', url: `http://hapi/fhir?_getpages=${page}&_getpagesoffset=20` }],
});

describe('page registry', () => {
  it('serves a page only to the holder it was issued to, inside batches too', () => {
    const pages = new PageRegistry(2);
    const me = pageHolder('app', 'p1');
    pages.record(me, searchset('a'));
    pages.record(me, {
      resourceType: 'Bundle',
      type: 'batch-response',
      entry: [{ resource: searchset('b') }],
    });
    expect(pages.wasIssued(me, 'a')).toBe(true);
    expect(pages.wasIssued(me, 'b')).toBe(true);
    expect(pages.wasIssued(pageHolder('app', 'p2'), 'a')).toBe(false);
    expect(pages.wasIssued(me, null)).toBe(false);
    pages.record(me, searchset('c'));
    expect(pages.wasIssued(me, 'a')).toBe(false);
  });
});
