import type { Encounter } from 'fhir/r4';
import { ENCOUNTER_CLASSIFICATION, V3_ACT_CODE, encounterSetting } from './encounter-settings';

const SCT = 'http://snomed.info/sct';
const encounter = (
  cls: string,
  types: string[] = [],
  status: Encounter['status'] = 'finished',
  system = V3_ACT_CODE,
): Encounter => ({
  resourceType: 'Encounter',
  status,
  class: { system, code: cls },
  type: types.map((code) => ({ coding: [{ system: SCT, code }] })),
});
const setting = (e: Encounter): string => encounterSetting(e).setting;

describe('how each Encounter is classified', () => {
  it.each([
    ['EMER', [], 'emergency'],
    ['IMP', [], 'admission'],
    ['ACUTE', [], 'admission'],
    ['NONAC', [], 'admission'],
    ['SS', [], 'admission'],
    // Ambulatory alone could be a GP or a hospital clinic: not counted without a GP type.
    ['AMB', [], 'other'],
    ['AMB', ['185349003'], 'gp'],
    ['AMB', ['11429006'], 'gp'],
    ['VR', ['185317003'], 'gp'],
    ['HH', ['439708006'], 'gp'],
    ['AMB', ['4525004'], 'emergency'],
    ['AMB', ['50849002'], 'emergency'],
    ['AMB', ['183452005'], 'admission'],
    ['AMB', ['270427003'], 'other'],
    ['PRENC', [], 'other'],
    ['FLD', ['185349003'], 'other'],
  ])('class %s with types %j is %s', (cls, types, expected) => {
    expect(setting(encounter(cls, types))).toBe(expected);
  });

  it('goes by class first: an emergency class with a GP type is an emergency attendance', () => {
    expect(setting(encounter('EMER', ['185349003']))).toBe('emergency');
    expect(setting(encounter('IMP', ['185349003']))).toBe('admission');
  });

  it('counts no Encounter that did not happen', () => {
    for (const status of ['planned', 'cancelled', 'entered-in-error'] as const) {
      expect(setting(encounter('EMER', [], status))).toBe('other');
    }
    expect(setting(encounter('EMER', [], 'in-progress'))).toBe('emergency');
  });

  it('reads the class only from v3-ActCode and types only from SNOMED', () => {
    expect(setting(encounter('EMER', [], 'finished', 'http://example.org/local'))).toBe('other');
    const local: Encounter = {
      ...encounter('AMB'),
      type: [{ coding: [{ system: 'http://example.org/local', code: '185349003' }] }],
    };
    expect(setting(local)).toBe('other');
  });

  it('names each rule, and what is not counted, for the report', () => {
    expect(ENCOUNTER_CLASSIFICATION).toHaveLength(6);
    expect(ENCOUNTER_CLASSIFICATION[0]).toBe('Emergency attendances: class EMER (emergency).');
    expect(ENCOUNTER_CLASSIFICATION.at(-1)).toMatch(/^Not counted: /);
  });
});
