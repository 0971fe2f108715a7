import { parseScopes } from './scopes';
import { confineSearch } from './search-policy';
import { typesReached, wideReachProblem } from './search-reach';

const confine = (type: string, search: string, criteria = false) =>
  confineSearch(type, new URLSearchParams(search), 'p1', criteria);

describe('patient/ search policy', () => {
  it('always adds the patient and drops parameters that name them', () => {
    const search = confine('Observation', 'code=x&subject=Patient/p1&_summary=count');
    expect(search.allowed && search.query.toString()).toBe('code=x&_summary=count&patient=p1');
    const patient = confine('Patient', 'birthdate=lt1970');
    expect(patient.allowed && patient.query.toString()).toBe('birthdate=lt1970&_id=p1');
  });

  it.each([
    'patient:missing=p1',
    'patient=p2',
    'patient=p1,p2',
    'subject:Group=p1',
    '_id:not=o1',
    'code:not=x',
    'code:below=x',
    'performer:above=Patient/p1',
    'subject.birthdate=1961',
    '_has:Observation:subject:code=x',
    '_filter=x',
    'unknown=x',
    '_count=lots',
    '_include=Observation:has-member:Observation:x',
  ])('refuses Observation?%s', (search) => {
    expect(confine('Observation', search).allowed).toBe(false);
  });

  it('refuses _id:not on Patient, result parameters in criteria and types without a patient', () => {
    expect(confine('Patient', '_id:not=p1').allowed).toBe(false);
    expect(confine('ServiceRequest', 'identifier=s|1&_include=x:y', true).allowed).toBe(false);
    expect(confine('Provenance', 'target=x').allowed).toBe(false);
    expect(confine('ServiceRequest', 'identifier=s|1', true).allowed).toBe(true);
  });
});

describe('wide search reach', () => {
  const gp = parseScopes(
    'user/Organization.rs user/OrganizationAffiliation.rs user/PractitionerRole.rs',
  );
  const reach = (search: string) => wideReachProblem(new URLSearchParams(search), gp);

  it('names the types a chain or _has reaches', () => {
    expect(
      typesReached('participating-organization._has:PractitionerRole:organization:practitioner'),
    ).toEqual(['Organization', 'PractitionerRole']);
    expect(typesReached('subject:Patient.birthdate')).toEqual(['Patient']);
    expect(typesReached('subject.birthdate')).toBeUndefined();
  });

  it('allows the GP app\u2019s chain and refuses one into patient records', () => {
    expect(
      reach('participating-organization._has:PractitionerRole:organization:practitioner=x'),
    ).toBeNull();
    expect(reach('_has:ServiceRequest:performer:patient=p2')).toContain('ServiceRequest');
    expect(reach('_has:ServiceRequest:performer:subject.birthdate=lt1970')).not.toBeNull();
    expect(reach('name=x')).toBeNull();
    expect(reach('_filter=name eq x')).not.toBeNull();
  });
});
