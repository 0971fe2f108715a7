import { appointmentResource, endOf, overlaps, type AppointmentRecord } from './appointment';

const slot = (start: string, minutes: number) => ({ start, minutes });

describe('diary slots', () => {
  it('ends a slot after its minutes', () => {
    expect(endOf(slot('2027-01-04T10:00:00Z', 45))).toBe('2027-01-04T10:45:00.000Z');
  });

  it('finds a clash when any minute is shared, not when one ends as the next begins', () => {
    const ten = slot('2027-01-04T10:00:00Z', 30);
    expect(overlaps(ten, slot('2027-01-04T10:15:00Z', 30))).toBe(true);
    expect(overlaps(ten, slot('2027-01-04T09:45:00Z', 20))).toBe(true);
    expect(overlaps(ten, slot('2027-01-04T09:00:00Z', 180))).toBe(true);
    expect(overlaps(ten, slot('2027-01-04T10:30:00Z', 30))).toBe(false);
    expect(overlaps(ten, slot('2027-01-04T09:30:00Z', 30))).toBe(false);
    // The same instant written with another zone offset.
    expect(overlaps(ten, slot('2027-01-04T11:10:00+01:00', 30))).toBe(true);
  });
});

describe('appointmentResource', () => {
  const record: AppointmentRecord = {
    id: 'a1',
    caseId: 'c1',
    serviceOrg: 'svc',
    practitioner: 'Practitioner/lw-1',
    status: 'noshow',
    start: '2027-01-04T10:00:00.000Z',
    end: '2027-01-04T10:30:00.000Z',
    minutes: 30,
    mode: 'in-person',
    where: 'Riverside library',
    withWhom: 'her daughter',
    bookedBy: 'Practitioner/lw-1',
    updatedAt: '2027-01-04T11:00:00.000Z',
    updatedBy: 'Practitioner/lw-1',
  };

  it('names the person, the worker and anyone else, when, how and where', () => {
    const resource = appointmentResource(record, {
      patientRef: 'Patient/p1',
      referralRef: 'ServiceRequest/r1',
    });
    expect(resource).toMatchObject({
      resourceType: 'Appointment',
      status: 'noshow',
      start: '2027-01-04T10:00:00.000Z',
      end: '2027-01-04T10:30:00.000Z',
      minutesDuration: 30,
      comment: 'Riverside library',
      basedOn: [{ reference: 'ServiceRequest/r1' }],
    });
    expect(resource.serviceType?.[0]?.coding?.[0]).toMatchObject({ code: 'in-person' });
    expect(resource.participant.map((p) => p.actor?.reference ?? p.actor?.display)).toEqual([
      'Patient/p1',
      'Practitioner/lw-1',
      'her daughter',
    ]);
  });
});
