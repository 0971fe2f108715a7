import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@linkwell/service-kit';
import { loadConfig } from './config';
import { DEFAULT_ENDPOINT, endpointStateKey, hookPath } from './ehr-endpoints';

function endpointsFile(content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'linkwell-ehr-')), 'ehr.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const withFile = (content: unknown, env: NodeJS.ProcessEnv = {}) =>
  loadConfig({ ...env, ADAPTER_EHR_ENDPOINTS: endpointsFile(content) });

describe('EHR endpoints', () => {
  it('keeps the single-endpoint variables as the one default endpoint', () => {
    const [only, ...rest] = loadConfig({
      ADAPTER_FHIR_BASE: 'http://ehr.test/fhir/',
      ADAPTER_FHIR_AUTH: 'none',
      ADAPTER_CLIENT_ID: 'adapter-1',
    }).endpoints;
    expect(rest).toEqual([]);
    expect(only).toMatchObject({
      id: DEFAULT_ENDPOINT,
      fhirBase: 'http://ehr.test/fhir',
      fhirAuth: 'none',
      clientId: 'adapter-1',
      keyDir: undefined,
      subscribe: true,
    });
    expect(only?.scopes).toContain('system/Task.crus');
    expect(hookPath(only ?? { id: '' })).toBe('/fhir-hook');
    expect(endpointStateKey('inbound.task-cursor', DEFAULT_ENDPOINT)).toBe('inbound.task-cursor');
  });

  it('reads a list from ADAPTER_EHR_ENDPOINTS; left-out fields take the variables', () => {
    const { endpoints } = withFile(
      [
        { id: 'north', name: 'North Practice', fhirBase: 'https://north.test/fhir' },
        {
          id: 'south',
          fhirBase: 'https://south.test/r4',
          fhirAuth: 'none',
          tokenEndpoint: 'https://south.test/token',
          clientId: 'lw-south',
          scopes: 'system/Task.crus',
          keyDir: 'keys/south',
          subscribe: false,
        },
      ],
      { ADAPTER_CLIENT_ID: 'shared-client', ADAPTER_SUBSCRIBE: 'true' },
    );
    expect(endpoints.map((e) => e.id)).toEqual(['north', 'south']);
    expect(endpoints[0]).toMatchObject({
      name: 'North Practice',
      fhirAuth: 'smart',
      clientId: 'shared-client',
      tokenEndpoint: undefined,
      subscribe: true,
    });
    expect(endpoints[1]).toMatchObject({
      name: 'south',
      fhirAuth: 'none',
      tokenEndpoint: 'https://south.test/token',
      clientId: 'lw-south',
      scopes: 'system/Task.crus',
      subscribe: false,
    });
    expect(endpoints[1]?.keyDir).toMatch(/keys[/\\]south$/);
    expect(hookPath({ id: 'south' })).toBe('/fhir-hook/south');
    expect(endpointStateKey('inbound.task-cursor', 'south')).toBe('inbound.task-cursor@south');
  });

  it.each([
    ['not JSON', '[{', /is not JSON/],
    ['an empty list', [], /at least one endpoint/],
    ['an entry that is no object', ['north'], /entry 1 must be an object/],
    ['a bad id', [{ id: 'North Side', fhirBase: 'https://n.test' }], /"id" must be 1-32/],
    ['a reserved id', [{ id: 'task', fhirBase: 'https://n.test' }], /reserved/],
    ['no fhirBase', [{ id: 'north' }], /\(north\): "fhirBase" is required/],
    ['a bad fhirBase', [{ id: 'north', fhirBase: 'ftp://n.test' }], /must use http or https/],
    [
      'a repeated id',
      [
        { id: 'north', fhirBase: 'https://n.test' },
        { id: 'north', fhirBase: 'https://s.test' },
      ],
      /entry 2 \(north\): another endpoint has the same id/,
    ],
    [
      'a repeated fhirBase',
      [
        { id: 'north', fhirBase: 'https://n.test/' },
        { id: 'south', fhirBase: 'https://n.test' },
      ],
      /same fhirBase/,
    ],
    [
      'a bad fhirAuth',
      [{ id: 'n', fhirBase: 'https://n.test', fhirAuth: 'basic' }],
      /smart or none/,
    ],
    [
      'a bad subscribe',
      [{ id: 'n', fhirBase: 'https://n.test', subscribe: 'yes' }],
      /true or false/,
    ],
    [
      'an unknown field',
      [{ id: 'n', fhirBase: 'https://n.test', issuer: 'x' }],
      /unknown field\(s\) issuer/,
    ],
  ])('refuses %s with a message naming the entry', (_what, content, message) => {
    expect(() => withFile(content)).toThrow(ConfigError);
    expect(() => withFile(content)).toThrow(message);
  });

  it('says so when the file cannot be read', () => {
    expect(() => loadConfig({ ADAPTER_EHR_ENDPOINTS: '/nowhere/ehr.json' })).toThrow(
      /ADAPTER_EHR_ENDPOINTS: cannot read \/nowhere\/ehr.json \(ENOENT\)/,
    );
  });
});
