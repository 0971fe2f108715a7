import type { FhirResource } from 'fhir/r4';
import { personName, requesterView } from './requester';

const gp: FhirResource = {
  resourceType: 'Practitioner',
  id: 'gp',
  name: [{ use: 'official', prefix: ['Dr'], given: ['Amara'], family: 'Okafor' }],
};
const practice: FhirResource = {
  resourceType: 'Organization',
  id: 'practice',
  name: 'Riverside Medical Practice',
};
const role: FhirResource = {
  resourceType: 'PractitionerRole',
  id: 'gp-role',
  practitioner: { reference: 'Practitioner/gp' },
  organization: { reference: 'Organization/practice' },
  code: [{ text: 'General practitioner' }],
};
const byRef = (...resources: FhirResource[]) =>
  new Map(resources.map((r) => [`${r.resourceType}/${r.id ?? ''}`, r]));
const expected = {
  name: 'Dr Amara Okafor',
  role: 'General practitioner',
  practice: 'Riverside Medical Practice',
};

describe('requesterView', () => {
  it('reads a PractitionerRole requester with its Practitioner and practice', () => {
    expect(
      requesterView({ reference: 'PractitionerRole/gp-role' }, byRef(role, gp, practice)),
    ).toEqual(expected);
  });

  it('reads a Practitioner requester with a role of theirs found by _revinclude', () => {
    expect(requesterView({ reference: 'Practitioner/gp' }, byRef(gp, role, practice))).toEqual(
      expected,
    );
    expect(requesterView({ reference: 'Practitioner/gp' }, byRef(gp))).toEqual({
      name: 'Dr Amara Okafor',
      role: undefined,
      practice: undefined,
    });
  });

  it('falls back to the reference display, and gives nothing when nothing names them', () => {
    expect(requesterView({ reference: 'Practitioner/x', display: 'Dr X' }, byRef())).toEqual({
      name: 'Dr X',
      role: undefined,
      practice: undefined,
    });
    expect(requesterView({ reference: 'Organization/practice' }, byRef(practice))).toEqual({
      name: 'Riverside Medical Practice',
      role: undefined,
      practice: 'Riverside Medical Practice',
    });
    expect(requesterView({ reference: 'Practitioner/x' }, byRef())).toBeUndefined();
    expect(requesterView(undefined, byRef())).toBeUndefined();
  });
});

describe('personName', () => {
  it('prefers the official name and its text', () => {
    expect(personName([{ given: ['Jo'], family: 'Bell' }])).toBe('Jo Bell');
    expect(
      personName([
        { use: 'usual', text: 'Jo' },
        { use: 'official', text: 'Joanna Bell' },
      ]),
    ).toBe('Joanna Bell');
    expect(personName([])).toBeUndefined();
  });
});
