import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadClients } from './clients';
import { grantableScopes } from './scope-grant';

function registry(clients: object[]): ReturnType<typeof loadClients> {
  const file = join(mkdtempSync(join(tmpdir(), 'ehr-clients-')), 'clients.json');
  writeFileSync(file, JSON.stringify({ clients }));
  return loadClients([file]);
}

const gp = {
  client_id: 'gp',
  smart_scope_contexts: ['patient', 'user'],
  allowed_scopes: ['patient/Observation.rs', 'patient/*.r', 'user/PractitionerRole.rs'],
};

describe('scope allowlists', () => {
  it('grants a requested scope only when the allowlist covers it whole, and drops the rest', () => {
    const clients = registry([gp]);
    const asked =
      'launch openid patient/Observation.r patient/Goal.r user/*.cruds user/PractitionerRole.rs user/PractitionerRole.crud patient/*.read';
    expect(grantableScopes(clients, 'gp', [asked])).toEqual({
      granted: ['patient/Observation.r', 'patient/Goal.r', 'user/PractitionerRole.rs'],
      refused: [],
    });
  });

  it('refuses scopes of contexts the client may never have, and malformed ones', () => {
    const clients = registry([gp]);
    expect(grantableScopes(clients, 'gp', ['system/Task.rs patient/Obs.x']).refused).toEqual([
      'system/Task.rs',
      'patient/Obs.x',
    ]);
  });

  it('lets a client without an allowlist have any scope of its contexts', () => {
    const clients = registry([{ client_id: 'test', smart_scope_contexts: ['user'] }]);
    expect(grantableScopes(clients, 'test', ['user/*.cruds']).granted).toEqual(['user/*.cruds']);
  });

  it('refuses a registration whose allowlist or resources are malformed', () => {
    expect(() =>
      registry([
        { client_id: 'x', smart_scope_contexts: ['user'], allowed_scopes: ['patient/*.rs'] },
      ]),
    ).toThrow(/allowed_scopes/);
    expect(() => registry([{ client_id: 'x', allowed_resources: ['not a url'] }])).toThrow(
      /allowed_resources/,
    );
    expect(
      registry([{ client_id: 'x', allowed_resources: ['http://localhost:8092'] }]).clients[0],
    ).toMatchObject({ allowedResources: ['http://localhost:8092'] });
  });

  it('never grants the registered GP app a wildcard scope', () => {
    const clients = loadClients([join(__dirname, '..', 'clients.json')]);
    const gpApp = clients.clients.find((c) => c.clientId === 'linkwell-gp-app');
    expect(gpApp?.allowedScopes?.length).toBeGreaterThan(0);
    const wide = grantableScopes(clients, 'linkwell-gp-app', ['user/*.cruds patient/*.cruds']);
    expect(wide).toEqual({ granted: [], refused: [] });
  });
});
