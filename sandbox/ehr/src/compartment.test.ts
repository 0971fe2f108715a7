import type { Observation, Practitioner, ServiceRequest, Task } from 'fhir/r4';
import { inPatientCompartment, refersToPatient } from './compartment';

describe('Patient compartment', () => {
  it('matches relative and versioned references, never another server\u2019s', () => {
    expect(refersToPatient({ reference: 'Patient/p1' }, 'p1')).toBe(true);
    expect(refersToPatient({ reference: 'Patient/p1/_history/2' }, 'p1')).toBe(true);
    expect(refersToPatient({ reference: 'http://x/fhir/Patient/p1' }, 'p1')).toBe(false);
    expect(refersToPatient({ reference: 'Patient/p10' }, 'p1')).toBe(false);
    expect(refersToPatient({ reference: 'Group/p1' }, 'p1')).toBe(false);
  });

  it('places resources by their compartment elements', () => {
    const observation: Observation = {
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'x' },
      subject: { reference: 'Patient/p1' },
    };
    expect(inPatientCompartment(observation, 'p1')).toBe(true);
    expect(inPatientCompartment(observation, 'p2')).toBe(false);
    const task: Task = {
      resourceType: 'Task',
      status: 'requested',
      intent: 'order',
      for: { reference: 'Patient/p2' },
    };
    expect(inPatientCompartment(task, 'p2')).toBe(true);
    const referral: ServiceRequest = {
      resourceType: 'ServiceRequest',
      status: 'active',
      intent: 'order',
      subject: { reference: 'Patient/p3' },
      performer: [{ reference: 'Organization/o1' }],
    };
    expect(inPatientCompartment(referral, 'p3')).toBe(true);
  });

  it('keeps the patient itself and leaves non-compartment types out', () => {
    expect(inPatientCompartment({ resourceType: 'Patient', id: 'p1' }, 'p1')).toBe(true);
    expect(inPatientCompartment({ resourceType: 'Patient', id: 'p2' }, 'p1')).toBe(false);
    const practitioner: Practitioner = { resourceType: 'Practitioner', id: 'p1' };
    expect(inPatientCompartment(practitioner, 'p1')).toBe(false);
  });
});
