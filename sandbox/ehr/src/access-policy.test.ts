import type { Bundle, FhirResource, Observation, Practitioner, ServiceRequest } from 'fhir/r4';
import { decideRequest, unreadable, type AccessContext } from './access-policy';
import { planBundle } from './bundle-policy';
import { classifyRequest } from './fhir-request';
import { parseRequestUrl } from './request-url';
import { parseScopes } from './scopes';

const patientApp: AccessContext = {
  scopes: parseScopes('patient/*.rs patient/ServiceRequest.cu user/Practitioner.rs'),
  patient: 'p1',
};

function decide(method: string, path: string, search = '', access = patientApp) {
  const { segments, query } = parseRequestUrl(`${path}?${search}`);
  return decideRequest(classifyRequest(method, segments, query), query, access);
}

function referral(patient: string): ServiceRequest {
  return {
    resourceType: 'ServiceRequest',
    status: 'active',
    intent: 'order',
    subject: { reference: `Patient/${patient}` },
  };
}

function observation(patient: string): Observation {
  return {
    resourceType: 'Observation',
    id: `o-${patient}`,
    status: 'final',
    code: {},
    subject: { reference: `Patient/${patient}` },
  };
}

describe('access policy', () => {
  it('confines patient/ searches to the launch patient', () => {
    const added = decide('GET', 'Observation', 'code=x');
    expect(added.allowed && added.query.get('patient')).toBe('p1');
    expect(decide('GET', 'Observation', 'patient=p2').allowed).toBe(false);
    expect(decide('GET', 'Observation', 'subject=Patient/p2').allowed).toBe(false);
    expect(decide('GET', 'Patient', '_id=p2').allowed).toBe(false);
    // A read of another Patient goes on: its answer is checked and becomes the same 404 as a miss.
    expect(decide('GET', 'Patient/p1').allowed).toBe(true);
  });

  it('refuses interactions no scope grants', () => {
    expect(decide('POST', 'Observation').allowed).toBe(false);
    expect(decide('DELETE', 'ServiceRequest/s1').allowed).toBe(false);
    expect(decide('GET', 'Organization').allowed).toBe(false);
    expect(decide('GET', 'Patient/p1/$everything').allowed).toBe(false);
    expect(decide('GET', 'Practitioner', 'name=x').allowed).toBe(true);
  });

  it('lets system scopes act by type only', () => {
    const system: AccessContext = { scopes: parseScopes('system/Task.rs') };
    expect(decide('GET', 'Task', 'owner=Organization/o1', system).allowed).toBe(true);
    expect(decide('PUT', 'Task/t1', '', system).allowed).toBe(false);
    expect(decide('GET', 'Patient', '', system).allowed).toBe(false);
  });

  it('finds returned resources outside the compartment, including _include entries', () => {
    const practitioner: Practitioner = { resourceType: 'Practitioner', id: 'gp1' };
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [
        { resource: observation('p1') },
        { resource: practitioner },
        { resource: observation('p2') },
      ],
    };
    expect(unreadable(bundle, patientApp)).toEqual(['Observation/o-p2']);
  });

  it('checks each batch and transaction entry', () => {
    const bundle: Bundle<FhirResource> = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { resource: referral('p1'), request: { method: 'POST', url: 'ServiceRequest' } },
        { resource: referral('p2'), request: { method: 'POST', url: 'ServiceRequest' } },
        { request: { method: 'GET', url: 'Condition?code=x' } },
        { request: { method: 'GET', url: 'Patient/p2' } },
        {
          request: { method: 'PUT', url: 'ServiceRequest/s9' },
          resource: { ...referral('p1'), id: 's9' },
        },
        { request: { method: 'GET', url: 'Observation/../_history' } },
      ],
    };
    const plan = planBundle(bundle, patientApp, 'http://ehr/fhir');
    expect(plan.problems).toEqual([
      "entry[1]: the ServiceRequest's patient (its primary patient element) must be the launch patient",
      'entry[3]: reads in a transaction are not available with patient/ scopes',
      'entry[5]: the request URL was refused: dot segments are not allowed',
    ]);
    expect(plan.bundle.entry?.[2]?.request?.url).toBe('Condition?code=x&patient=p1');
    expect(plan.existing).toEqual([{ reference: 'ServiceRequest/s9', entry: 4 }]);
  });
});
