import { generateFeedRecord } from './test-record';
import { checkRecord } from './oruk-record';
import { entryResources, directoryId } from './fhir-mapping';
import { openAt, localTime } from './opening';

describe('checkRecord (HSDS 3 / ORUK rules)', () => {
  it('accepts a well-formed record and keeps what the directory uses', () => {
    const check = checkRecord(generateFeedRecord());
    if (!check.ok) throw new Error(check.reasons.join('; '));
    expect(check.entry).toMatchObject({
      name: 'Kettle Club',
      status: 'active',
      minimumAge: 60,
      organization: { name: 'Riverside Neighbours' },
      terms: [{ code: 'befriending', taxonomy: 'riverside-community-directory' }],
    });
    expect(check.entry.schedules[0]).toMatchObject({
      days: ['TU', 'TH'],
      opens: '10:00',
      closes: '12:00',
    });
    expect(check.entry.locations[0]?.address?.postalCode).toBe('ZZ1 2BB');
  });

  it('names every broken rule by its path', () => {
    const record = generateFeedRecord();
    const check = checkRecord({
      ...record,
      id: 'x',
      name: '',
      status: 'open',
      url: 'mailto:a',
      minimum_age: 70,
      maximum_age: 20,
      schedules: [{ id: record.id, byday: 'MO,XX', opens_at: '25:00', freq: 'DAILY' }],
      service_at_locations: [{ id: record.id, location: { id: record.id, latitude: 95 } }],
    });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.reasons).toEqual(
      expect.arrayContaining([
        'service.id: must be a UUID (HSDS format uuid)',
        'service.name: is required',
        'service.status: must be one of active, inactive, defunct, temporarily closed',
        'service.url: must be an http(s) URI',
        'service.minimum_age: must not be above maximum_age',
        'service.schedules[0].freq: must be WEEKLY or MONTHLY',
        'service.schedules[0].byday: has days that are not MO..SU (XX)',
        'service.schedules[0].opens_at: must be a time, HH:MM',
        'service.service_at_locations[0].location.latitude: must be a number from -90 to 90',
      ]),
    );
  });

  it('refuses what is not an object at all', () => {
    expect(checkRecord('a string')).toEqual({
      ok: false,
      id: undefined,
      reasons: ['service: must be an object'],
    });
  });
});

describe('FHIR mapping', () => {
  it('derives stable ids from the feed and marks a service gone from the feed inactive', () => {
    const check = checkRecord(generateFeedRecord());
    if (!check.ok) throw new Error('invalid');
    const [org, location, service] = entryResources(check.entry, 'demo');
    expect(org?.id).toBe(directoryId('demo', 'o', check.entry.organization.feedId));
    expect(location).toMatchObject({
      resourceType: 'Location',
      position: { latitude: 52.92, longitude: -1.2 },
    });
    expect(service).toMatchObject({
      resourceType: 'HealthcareService',
      active: true,
      availableTime: [
        {
          daysOfWeek: ['tue', 'thu'],
          availableStartTime: '10:00:00',
          availableEndTime: '12:00:00',
        },
      ],
      eligibility: [{ comment: 'Adults aged 60 and over. Ages 60 and over' }],
    });
    expect(entryResources(check.entry, 'demo', false)[2]).toMatchObject({ active: false });
    expect(directoryId('other', 's', check.entry.feedId)).not.toBe(
      directoryId('demo', 's', check.entry.feedId),
    );
  });
});

describe('opening times', () => {
  const schedules = [
    {
      days: ['TU' as const],
      opens: '10:00',
      closes: '12:00',
      monthly: false,
      description: undefined,
    },
  ];
  it('is open inside the hours on the day only', () => {
    expect(openAt(schedules, 'TU', '10:00')).toBe(true);
    expect(openAt(schedules, 'TU', '12:00')).toBe(false);
    expect(openAt(schedules, 'WE', '11:00')).toBe(false);
  });
  it('reads the day and time in the directory time zone', () => {
    // 2026-07-07 is a Tuesday; 09:30 UTC is 10:30 in London (BST).
    expect(localTime(new Date('2026-07-07T09:30:00Z'), 'Europe/London')).toEqual({
      day: 'TU',
      time: '10:30',
    });
  });
});
