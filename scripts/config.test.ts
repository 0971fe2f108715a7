import { loadStartConfig } from './config';

describe('loadStartConfig', () => {
  it('uses the documented defaults', () => {
    const config = loadStartConfig({});
    expect(config.hapiPort).toBe(8080);
    expect(config.dataDir).toMatch(/\.data$/);
    expect(config.fixturesDir).toMatch(/sandbox\/fixtures\/synthea-r4$/);
    expect(config.practices).toBe(1);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('runs a second practice on its own ports when asked', () => {
    const config = loadStartConfig({ LINKWELL_PRACTICES: '2' });
    expect([config.practices, config.secondHapiPort, config.secondEhrPort]).toEqual([
      2, 8081, 8094,
    ]);
    expect(() => loadStartConfig({ LINKWELL_PRACTICES: '3' })).toThrow(
      /LINKWELL_PRACTICES must be 1 or 2/,
    );
  });

  it('takes ports and folders from the environment', () => {
    const config = loadStartConfig({ HAPI_PORT: '18080', LINKWELL_DATA_DIR: '/tmp/lw' });
    expect(config.hapiPort).toBe(18080);
    expect(config.dataDir).toBe('/tmp/lw');
  });

  it.each(['abc', '0', '70000', '80.5'])('refuses HAPI_PORT=%s with a clear message', (value) => {
    expect(() => loadStartConfig({ HAPI_PORT: value })).toThrow(/HAPI_PORT must be a port number/);
  });
});
