import { loadStartConfig } from './config';

describe('loadStartConfig', () => {
  it('uses the documented defaults', () => {
    const config = loadStartConfig({});
    expect(config.hapiPort).toBe(8080);
    expect(config.dataDir).toMatch(/\.data$/);
    expect(config.fixturesDir).toMatch(/sandbox\/fixtures\/synthea-r4$/);
    expect(Object.isFrozen(config)).toBe(true);
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
