import type { Bundle, Encounter } from 'fhir/r4';
import { V3_ACT_CODE } from '@linkwell/profiles';
import type { FhirGateway, SearchParams } from '../fhir/gateway';
import { DEMO_DATA_TAG, demoEncounters } from './demo-encounters';
import { healthcareUseFigure } from './healthcare-use';
import { encounterRow, readEncounters } from './healthcare-use-read';

const encounter = (id: string, patient: string, start: string, cls = 'EMER'): Encounter => ({
  resourceType: 'Encounter',
  id,
  status: 'finished',
  class: { system: V3_ACT_CODE, code: cls },
  subject: { reference: `Patient/${patient}` },
  period: { start },
});

describe('an Encounter as the store keeps it', () => {
  it('takes the UTC day of period.start, a date as it is, else period.end', () => {
    expect(encounterRow(encounter('e1', 'p', '2025-03-04T23:30:00-02:00'))).toEqual({
      patientRef: 'Patient/p',
      encounterId: 'e1',
      startDay: '2025-03-05',
      setting: 'emergency',
      classCode: 'EMER',
      typeCodes: [],
    });
    expect(encounterRow(encounter('e2', 'p', '2025-03-04'))?.startDay).toBe('2025-03-04');
    const ended = { ...encounter('e3', 'p', ''), period: { end: '2025-01-02T08:00:00Z' } };
    expect(encounterRow(ended)?.startDay).toBe('2025-01-02');
  });

  it('keeps nothing without an id, a subject or a date', () => {
    expect(encounterRow({ ...encounter('e', 'p', '2025-01-01'), id: undefined })).toBeUndefined();
    expect(
      encounterRow({ ...encounter('e', 'p', '2025-01-01'), subject: undefined }),
    ).toBeUndefined();
    expect(encounterRow({ ...encounter('e', 'p', ''), period: undefined })).toBeUndefined();
  });
});

describe('reading Encounters', () => {
  it('searches once per batch by patient and date, follows pages, keeps each own window', async () => {
    const searches: [string, SearchParams][] = [];
    const page = (entries: Encounter[], next: boolean): Bundle => ({
      resourceType: 'Bundle',
      type: 'searchset',
      entry: entries.map((resource) => ({ resource })),
      ...(next ? { link: [{ relation: 'next', url: 'next' }] } : {}),
    });
    const second = page(
      [encounter('b1', 'b', '2024-06-01'), encounter('b2', 'b', '2026-04-01')],
      false,
    );
    const gateway = {
      search: (type: string, params: SearchParams) => {
        searches.push([type, params]);
        return Promise.resolve(
          page([encounter('a1', 'a', '2024-01-01'), encounter('a2', 'a', '2025-02-01')], true),
        );
      },
      nextPage: (bundle: Bundle) =>
        Promise.resolve(bundle.link?.some((l) => l.relation === 'next') ? second : undefined),
    } as unknown as FhirGateway;
    const rows = await readEncounters(
      gateway,
      [
        { patientRef: 'Patient/a', from: '2025-01-01' },
        { patientRef: 'Patient/b', from: '2024-01-01' },
      ],
      '2026-03-01',
    );
    expect(searches).toEqual([
      [
        'Encounter',
        {
          patient: 'Patient/a,Patient/b',
          date: 'ge2024-01-01',
          _elements: 'status,class,type,period,subject',
          _count: '200',
        },
      ],
    ]);
    // a1 is before a's own window; b2 is after today.
    expect(rows.map((r) => r.encounterId)).toEqual(['a2', 'b1']);
  });
});

describe('a healthcare-use figure as shown', () => {
  const row = {
    dimension: 'all' as const,
    group: 'all',
    months: 6 as const,
    setting: 'gp' as const,
    people: 8,
    followedUp: 6,
    meanBefore: 3,
    meanAfter: 2.5,
    meanDifference: -0.5,
    sdDifference: 1,
  };

  it('gives the paired difference a 95% CI by Student’s t (df 5: 2.571)', () => {
    const shown = healthcareUseFigure(row);
    expect(shown.label).toBe('GP contacts, 6 months');
    expect(shown.meanDifference).toEqual({ value: -0.5, suppressed: false });
    // -0.5 ± 2.571 × 1 / √6 = -0.5 ± 1.0496
    expect(shown.ciLow).toEqual({ value: -1.55, suppressed: false });
    expect(shown.ciHigh).toEqual({ value: 0.55, suppressed: false });
  });

  it('hides figures about fewer than 5 people followed up, and counts of 1 to 4', () => {
    const shown = healthcareUseFigure({ ...row, people: 4, followedUp: 4 });
    for (const figure of [shown.people, shown.followedUp, shown.meanBefore, shown.ciLow]) {
      expect(figure).toEqual({ value: null, suppressed: true });
    }
    expect(healthcareUseFigure({ ...row, followedUp: 0 }).followedUp).toEqual({
      value: 0,
      suppressed: false,
    });
  });
});

describe("the demo's made-up Encounters", () => {
  it('are the same for the same seed, tagged, within a year either side and never after now', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    const first = demoEncounters('demo-1', '2025-09-01', now, 7);
    expect(demoEncounters('demo-1', '2025-09-01', now, 7)).toEqual(first);
    expect(first.patient.meta?.tag).toEqual([DEMO_DATA_TAG]);
    expect(first.encounters.length).toBeGreaterThan(3);
    for (const e of first.encounters) {
      const start = e.period?.start ?? '';
      expect(start > '2024-09-01' && start <= now.toISOString()).toBe(true);
      expect(e.meta?.tag).toEqual([DEMO_DATA_TAG]);
    }
  });
});
