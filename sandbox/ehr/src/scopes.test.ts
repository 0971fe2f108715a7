import { grantingScopes, isResourceScope, parseResourceScope, parseScopes } from './scopes';

describe('SMART scopes', () => {
  it('parses v2 scopes into permissions', () => {
    const scope = parseResourceScope('patient/ServiceRequest.cu');
    expect(scope?.context).toBe('patient');
    expect(scope?.resourceType).toBe('ServiceRequest');
    expect([...(scope?.permissions ?? [])]).toEqual(['c', 'u']);
    expect([...(parseResourceScope('user/*.rs')?.permissions ?? [])]).toEqual(['r', 's']);
    expect(parseResourceScope('system/Task.cruds')?.permissions.size).toBe(5);
  });

  it('parses v1 read, write and * scopes', () => {
    expect([...(parseResourceScope('patient/*.read')?.permissions ?? [])]).toEqual(['r', 's']);
    expect([...(parseResourceScope('user/Task.write')?.permissions ?? [])]).toEqual([
      'c',
      'u',
      'd',
    ]);
    expect(parseResourceScope('system/*.*')?.permissions.size).toBe(5);
  });

  it('refuses malformed, out-of-order and granular scopes', () => {
    for (const raw of [
      'patient/Observation.sr',
      'patient/Observation.rr',
      'patient/observation.rs',
      'doctor/Patient.rs',
      'patient/Observation.rs?category=laboratory',
      'launch',
      'openid',
      'patient/Observation.',
      'patient/Observation.x',
    ]) {
      expect(isResourceScope(raw)).toBe(false);
    }
  });

  it('finds the scopes that grant an interaction on a type', () => {
    const scopes = parseScopes('launch openid patient/*.rs user/Practitioner.r system/Task.u');
    expect(grantingScopes(scopes, 'Observation', 's')).toHaveLength(1);
    expect(grantingScopes(scopes, 'Practitioner', 'r', ['user'])).toHaveLength(1);
    expect(grantingScopes(scopes, 'Practitioner', 's', ['user'])).toHaveLength(0);
    expect(grantingScopes(scopes, 'Task', 'c')).toHaveLength(0);
    expect(grantingScopes(scopes, 'Task', 'u', ['system'])).toHaveLength(1);
  });
});
