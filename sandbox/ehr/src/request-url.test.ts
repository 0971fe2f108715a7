import { canonicalUrl, parseRequestUrl } from './request-url';

describe('request URL', () => {
  it('parses a path and query once, dropping _format', () => {
    const parsed = parseRequestUrl('/Observation/1/_history/2?_format=xml&a=b%7Cc');
    expect(parsed.segments).toEqual(['Observation', '1', '_history', '2']);
    expect([...parsed.query]).toEqual([['a', 'b|c']]);
    expect(canonicalUrl(parsed.segments, parsed.query)).toBe('Observation/1/_history/2?a=b%7Cc');
    expect(parseRequestUrl('/').segments).toEqual([]);
  });

  it.each([
    '/Observation/.',
    '/Observation/..',
    '/Observation/../_history',
    '/Observation/%2E%2E',
    '/Observation%2F1',
    '/Observation/1%5C..',
    '/Observation/1\\..',
    '/Observation//1',
    '/Observation/',
    '/Observation;x=1',
    '/Observation/1%00',
    '/Observation?code=%00',
    '/Observation?code=%E0%A4%A',
    '/Observation#x',
    '/Observation?a[b]=c',
  ])('refuses %s', (raw) => {
    expect(() => parseRequestUrl(raw)).toThrow('the request URL was refused');
  });
});
