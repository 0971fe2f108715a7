import { ConfigError, envFlag, envInteger, envValue, httpUrl } from './env';
import { jsonLogger } from './log';

describe('environment parsing', () => {
  it('treats blank as unset and trims values', () => {
    expect(envValue({ A: '  ' }, 'A')).toBeUndefined();
    expect(envValue({ A: ' x ' }, 'A')).toBe('x');
  });

  it('takes whole numbers in range and names the variable otherwise', () => {
    expect(envInteger({}, 'PORT', 8090, 65535)).toBe(8090);
    expect(envInteger({ PORT: '18090' }, 'PORT', 8090, 65535)).toBe(18090);
    for (const bad of ['0', '65536', '1.5', 'abc']) {
      expect(() => envInteger({ PORT: bad }, 'PORT', 8090, 65535)).toThrow(ConfigError);
    }
    expect(() => envInteger({ PORT: 'abc' }, 'PORT', 1, 9)).toThrow(/PORT must be a whole number/);
  });

  it('reads true/1 and false/0 flags and refuses anything else', () => {
    expect(envFlag({}, 'SEED', true)).toBe(true);
    expect(envFlag({ SEED: '0' }, 'SEED', true)).toBe(false);
    expect(envFlag({ SEED: 'true' }, 'SEED', false)).toBe(true);
    expect(() => envFlag({ SEED: 'yes' }, 'SEED', true)).toThrow(/SEED must be true or false/);
  });

  it('accepts http(s) URLs without trailing slashes and refuses the rest', () => {
    expect(httpUrl('BASE', 'http://localhost:8080/fhir/')).toBe('http://localhost:8080/fhir');
    expect(() => httpUrl('BASE', 'ftp://x')).toThrow(/BASE must use http or https/);
    expect(() => httpUrl('BASE', 'not a url')).toThrow(/BASE must be an absolute/);
  });
});

describe('jsonLogger', () => {
  it('writes one JSON object a line with the service name', () => {
    const lines: string[] = [];
    jsonLogger((line) => lines.push(line), 'ehr-sandbox').info('listening', { port: 1 });
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      level: 'info',
      service: 'ehr-sandbox',
      event: 'listening',
      port: 1,
    });
  });
});
