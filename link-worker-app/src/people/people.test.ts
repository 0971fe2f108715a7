import { people, shownName } from './people';

const me = { practitioner: 'Practitioner/lw-lw-carter', serviceOrg: 'svc', name: 'Jo Carter' };
const team = [
  { practitioner: 'Practitioner/lw-lw-carter', name: 'Jo Carter' },
  { practitioner: 'Practitioner/lw-lw-begum', name: 'Sam Begum' },
];

describe('people', () => {
  it('names a colleague from the team, and the signed-in worker as You', () => {
    const p = people(me, team);
    expect(p.nameOf('Practitioner/lw-lw-begum')).toBe('Sam Begum');
    expect(p.nameOf('Practitioner/lw-lw-carter')).toBe('You');
    expect(p.myName).toBe('Jo Carter');
  });

  it('never shows an id, even when that is all it has', () => {
    const p = people(undefined, []);
    expect(p.nameOf('Practitioner/lw-lw-begum')).toBe('another link worker');
    expect(p.nameOf('Practitioner/lw-lw-begum', 'lw-lw-begum')).toBe('another link worker');
    expect(p.nameOf('Practitioner/lw-lw-begum', 'Sam Begum')).toBe('Sam Begum');
    expect(people({ ...me, name: 'Practitioner/lw-lw-carter' }, []).myName).toBeUndefined();
    expect(shownName('lw-lw-begum')).toBeUndefined();
    expect(people({ ...me, name: null }, team).myName).toBe('Jo Carter');
  });
});
