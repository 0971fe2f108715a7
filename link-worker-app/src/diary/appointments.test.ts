import type { DiaryAppointment } from '@linkwell/contracts';
import { appointmentLine, byDay, daysFrom, instantOf, mondayOf } from './appointments';

const at = (start: string, patch: Partial<DiaryAppointment> = {}): DiaryAppointment => ({
  id: start,
  caseId: 'c1',
  practitioner: 'Practitioner/lw-1',
  status: 'booked',
  start,
  end: new Date(Date.parse(start) + 30 * 60_000).toISOString(),
  minutes: 30,
  mode: 'in-person',
  ...patch,
});

describe('diary words', () => {
  it('says when, how, where and with whom in one line', () => {
    const line = appointmentLine(
      at('2027-01-04T10:00:00Z', { where: 'Library', withWhom: 'her son' }),
    );
    expect(line).toMatch(/^\d\d:\d\d–\d\d:\d\d · In person · Library · with her son$/);
    expect(appointmentLine(at('2027-01-04T10:00:00Z', { mode: 'phone' }))).toMatch(/· Phone call$/);
  });

  it('turns a local date and time into an instant, and refuses an empty one', () => {
    expect(instantOf('2027-01-04T10:00')).toBe(new Date('2027-01-04T10:00').toISOString());
    expect(instantOf('')).toBeUndefined();
    expect(instantOf('not a time')).toBeUndefined();
  });

  it('walks a week from its Monday and groups appointments by day in time order', () => {
    expect(mondayOf('2027-01-07')).toBe('2027-01-04');
    expect(mondayOf('2027-01-04')).toBe('2027-01-04');
    expect(mondayOf('2027-01-10')).toBe('2027-01-04');
    expect(daysFrom('2027-01-04', 7)).toHaveLength(7);
    expect(daysFrom('2027-01-04', 7)[6]).toBe('2027-01-10');
    const grouped = byDay([
      at('2027-01-05T14:00:00'),
      at('2027-01-04T11:00:00'),
      at('2027-01-04T09:00:00'),
    ]);
    expect([...grouped.keys()]).toEqual(['2027-01-04', '2027-01-05']);
    expect(grouped.get('2027-01-04')?.map((a) => a.start)).toEqual([
      '2027-01-04T09:00:00',
      '2027-01-04T11:00:00',
    ]);
  });
});
