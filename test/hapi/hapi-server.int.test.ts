import type { Bundle, Organization, Patient, Task } from 'fhir/r4';
import { fhirRequest, uniqueId } from '../support/fhir-http';

// What the rest of Linkwell relies on from our HAPI FHIR launcher, checked on the real server.
const SYSTEM = 'https://linkwell.example.org/fhir/sid/test';

function patient(id: string): Patient {
  return {
    resourceType: 'Patient',
    identifier: [{ system: SYSTEM, value: id }],
    name: [{ family: 'Test' }],
  };
}

function taskFor(reference: string): Task {
  return { resourceType: 'Task', status: 'requested', intent: 'order', for: { reference } };
}

describe('HAPI FHIR launcher', () => {
  it('answers the capability statement as FHIR R4', async () => {
    const response = await fhirRequest<{ fhirVersion: string }>('GET', 'metadata');
    expect(response.status).toBe(200);
    expect(response.body.fhirVersion).toBe('4.0.1');
  });

  it('processes a transaction with urn:uuid references and conditional create once', async () => {
    const value = uniqueId('txn');
    const transaction: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: 'urn:uuid:7e1f3c1a-0000-4000-8000-000000000001',
          resource: patient(value),
          request: { method: 'POST', url: 'Patient', ifNoneExist: `identifier=${SYSTEM}|${value}` },
        },
        {
          resource: taskFor('urn:uuid:7e1f3c1a-0000-4000-8000-000000000001'),
          request: { method: 'POST', url: 'Task' },
        },
      ],
    };
    const first = await fhirRequest<Bundle>('POST', '', transaction);
    expect(first.status).toBe(200);
    expect(first.body.entry?.map((entry) => entry.response?.status)).toEqual([
      '201 Created',
      '201 Created',
    ]);

    const retry = await fhirRequest<Bundle>('POST', '', {
      ...transaction,
      entry: transaction.entry?.slice(0, 1),
    });
    expect(retry.body.entry?.[0]?.response?.status).toBe('200 OK');
    const found = await fhirRequest<Bundle>('GET', `Patient?identifier=${SYSTEM}|${value}`);
    expect(found.body.total).toBe(1);
  });

  it('rolls a transaction back entirely when one entry fails', async () => {
    const value = uniqueId('rollback');
    const response = await fhirRequest('POST', '', {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { resource: patient(value), request: { method: 'POST', url: 'Patient' } },
        {
          resource: {
            resourceType: 'Task',
            status: 'requested',
            intent: 'order',
            for: { reference: 'Patient/does-not-exist' },
          },
          request: { method: 'POST', url: 'Task' },
        },
      ],
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    const found = await fhirRequest<Bundle>('GET', `Patient?identifier=${SYSTEM}|${value}`);
    expect(found.body.total).toBe(0);
  });

  it('sees a write in the very next search (no cached search results)', async () => {
    const value = uniqueId('fresh');
    const before = await fhirRequest<Bundle>(
      'GET',
      `Patient?family=Test&identifier=${SYSTEM}|${value}`,
    );
    expect(before.body.total).toBe(0);
    await fhirRequest('POST', 'Patient', patient(value));
    const after = await fhirRequest<Bundle>(
      'GET',
      `Patient?family=Test&identifier=${SYSTEM}|${value}`,
    );
    expect(after.body.total).toBe(1);
  });

  it('accepts client-assigned ids, honours If-Match and refuses a stale version with 412', async () => {
    const id = uniqueId('org');
    const organization: Organization = { resourceType: 'Organization', id, name: 'Version test' };
    const created = await fhirRequest<Organization>('PUT', `Organization/${id}`, organization);
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('W/"1"');

    const updated = await fhirRequest(
      'PUT',
      `Organization/${id}`,
      { ...organization, name: 'v2' },
      { 'if-match': 'W/"1"' },
    );
    expect(updated.status).toBe(200);
    const stale = await fhirRequest(
      'PUT',
      `Organization/${id}`,
      { ...organization, name: 'v3' },
      { 'if-match': 'W/"1"' },
    );
    expect(stale.status).toBe(412);
  });

  it('supports conditional update on an identifier', async () => {
    const value = uniqueId('cond');
    const url = `Patient?identifier=${SYSTEM}|${value}`;
    expect((await fhirRequest('PUT', url, patient(value))).status).toBe(201);
    expect((await fhirRequest('PUT', url, { ...patient(value), gender: 'female' })).status).toBe(
      200,
    );
    expect((await fhirRequest<Bundle>('GET', url)).body.total).toBe(1);
  });

  it('resolves _include, _revinclude, _lastUpdated and paging', async () => {
    const value = uniqueId('graph');
    const since = new Date(Date.now() - 1000).toISOString();
    const created = await fhirRequest<Patient>('POST', 'Patient', patient(value));
    const patientId = created.body.id ?? '';
    for (let index = 0; index < 3; index += 1) {
      const task: Task = {
        resourceType: 'Task',
        status: 'requested',
        intent: 'order',
        for: { reference: `Patient/${patientId}` },
      };
      expect((await fhirRequest('POST', 'Task', task)).status).toBe(201);
    }

    const included = await fhirRequest<Bundle>(
      'GET',
      `Task?patient=${patientId}&_include=Task:patient`,
    );
    const types = included.body.entry?.map(
      (entry) => `${entry.search?.mode}:${entry.resource?.resourceType}`,
    );
    expect(types?.filter((type) => type === 'match:Task')).toHaveLength(3);
    expect(types).toContain('include:Patient');

    const revIncluded = await fhirRequest<Bundle>(
      'GET',
      `Patient?_id=${patientId}&_revinclude=Task:patient`,
    );
    expect(revIncluded.body.entry).toHaveLength(4);

    const recent = await fhirRequest<Bundle>(
      'GET',
      `Task?patient=${patientId}&_lastUpdated=gt${since}`,
    );
    expect(recent.body.total).toBe(3);
    const none = await fhirRequest<Bundle>(
      'GET',
      `Task?patient=${patientId}&_lastUpdated=gt${new Date(Date.now() + 60_000).toISOString()}`,
    );
    expect(none.body.entry ?? []).toHaveLength(0);

    const firstPage = await fhirRequest<Bundle>('GET', `Task?patient=${patientId}&_count=2`);
    expect(firstPage.body.entry).toHaveLength(2);
    const next = firstPage.body.link?.find((link) => link.relation === 'next')?.url;
    expect(next).toBeDefined();
    const secondPage = await fhirRequest<Bundle>('GET', next ?? '');
    expect(secondPage.body.entry).toHaveLength(1);
  });
});
