import type { Observation, Task } from 'fhir/r4';
import { applyJsonPatch } from './json-patch';
import { checkWrite } from './write-policy';

const context = { patient: 'p1', fhirBase: 'http://ehr/fhir', bundleUrls: new Set(['urn:uuid:a']) };

function observation(extra: Partial<Observation> = {}): Observation {
  return {
    resourceType: 'Observation',
    id: 'o1',
    status: 'final',
    code: {},
    subject: { reference: 'Patient/p1' },
    ...extra,
  };
}

describe('patient/ write policy', () => {
  it('requires the primary patient element to be the launch patient', () => {
    expect(checkWrite(observation(), context).problem).toBeUndefined();
    const secondary = observation({
      subject: { reference: 'Patient/p2' },
      performer: [{ reference: 'Patient/p1' }],
    });
    expect(checkWrite(secondary, context).problem).toContain('primary patient');
    expect(checkWrite(observation({ subject: undefined }), context).problem).toBeDefined();
  });

  it('refuses other patients and absolute references anywhere, and lists targets to check', () => {
    const other = observation({ performer: [{ reference: 'Patient/p2' }] });
    expect(checkWrite(other, context).problem).toContain('other than the launch patient');
    const absolute = observation({ focus: [{ reference: 'http://hapi/fhir/Patient/p2' }] });
    expect(checkWrite(absolute, context).problem).toContain('relative');
    const task: Task = {
      resourceType: 'Task',
      status: 'requested',
      intent: 'order',
      for: { reference: 'Patient/p1' },
      focus: { reference: 'http://ehr/fhir/ServiceRequest/s1' },
      basedOn: [{ reference: 'urn:uuid:a' }],
      owner: { reference: 'Organization/o1' },
    };
    expect(checkWrite(task, context)).toEqual({ resolve: ['ServiceRequest/s1'] });
    const dangling = { ...task, basedOn: [{ reference: 'urn:uuid:b' }] };
    expect(checkWrite(dangling, context).problem).toContain('does not name an entry');
  });

  it('applies a JSON Patch to a copy, refusing id changes and other media types', () => {
    const stored = observation({ meta: { versionId: '3' } });
    const patched = applyJsonPatch(
      stored,
      'application/json-patch+json',
      JSON.stringify([{ op: 'replace', path: '/subject/reference', value: 'Patient/p2' }]),
    );
    expect(checkWrite(patched, context).problem).toContain('primary patient');
    expect(stored.subject?.reference).toBe('Patient/p1');
    expect(patched.meta?.versionId).toBeUndefined();
    const move = JSON.stringify([{ op: 'replace', path: '/id', value: 'o2' }]);
    expect(() => applyJsonPatch(stored, 'application/json-patch+json', move)).toThrow('type or id');
    expect(() => applyJsonPatch(stored, 'application/fhir+json', '{}')).toThrow('json-patch');
  });
});
