import type { Bundle } from 'fhir/r4';
import type { RunningAdapter } from '@linkwell/fhir-server-adapter';
import { fhirRequest, uniqueId } from '../support/fhir-http';
import { api, startTestAdapter } from './support/adapter-env';
import { gpReferralTransaction, supportBundle } from './support/referral';

// The link worker's diary against the run's real HAPI: book, move, record attended / did not
// attend / cancelled, a double-booked slot refused with nothing written, a day and a week of the
// diary with the person's name, did-not-attend counted per case, and nothing sent to the record.
const service = uniqueId('svc');
const ids = { patient: uniqueId('pt'), gp: uniqueId('gp'), service, identifier: uniqueId('ref') };
const worker = { practitioner: `Practitioner/${service}-lw` as const, serviceOrg: service };
let adapter: RunningAdapter;
let caseId = '';

interface Appointment {
  id: string;
  status: string;
  start: string;
  end: string;
  minutes: number;
  mode: string;
  where?: string;
  withWhom?: string;
  patientName?: string;
}
interface CaseAppointments {
  appointments: Appointment[];
  attendance: { attended: number; didNotAttend: number; cancelled: number };
}
interface Refusal {
  error: { code: string; message: string; field?: string };
}

const book = (body: object) =>
  api<{ appointment: Appointment } & Refusal>(
    adapter,
    'POST',
    `/api/cases/${caseId}/appointments`,
    body,
  );
const listed = async () =>
  (await api<CaseAppointments>(adapter, 'GET', `/api/cases/${caseId}/appointments`)).body;

beforeAll(async () => {
  expect((await fhirRequest('POST', '', supportBundle(ids, `${service}-walk`))).status).toBe(200);
  expect((await fhirRequest('POST', '', gpReferralTransaction(ids))).status).toBe(200);
  adapter = await startTestAdapter(
    process.env.LINKWELL_TEST_FHIR_BASE ?? '',
    service,
    {},
    { authenticate: () => Promise.resolve(worker) },
  );
  await adapter.inbound.poll();
  const caseload = await api<{ cases: { id: string }[] }>(adapter, 'GET', '/api/caseload');
  caseId = caseload.body.cases[0]?.id ?? '';
  expect((await api(adapter, 'POST', `/api/cases/${caseId}/accept`)).status).toBe(200);
});
afterAll(() => adapter.stop());

let first = '';
let second = '';

it('books a meeting and a call, each kept as a FHIR Appointment naming who, when and how', async () => {
  const meeting = await book({
    start: '2027-01-04T10:00:00Z',
    minutes: 45,
    mode: 'in-person',
    where: 'Riverside library',
    withWhom: 'her daughter',
  });
  expect(meeting.status).toBe(201);
  expect(meeting.body.appointment).toMatchObject({
    status: 'booked',
    end: '2027-01-04T10:45:00.000Z',
    where: 'Riverside library',
    withWhom: 'her daughter',
  });
  first = meeting.body.appointment.id;
  const call = await book({ start: '2027-01-06T14:00:00Z', minutes: 15, mode: 'phone' });
  expect(call.status).toBe(201);
  second = call.body.appointment.id;

  const rows = await adapter.db.query<{ resource: Record<string, unknown> }>(
    'SELECT resource FROM appointments WHERE id = $1',
    [first],
  );
  expect(rows[0]?.resource).toMatchObject({
    resourceType: 'Appointment',
    status: 'booked',
    minutesDuration: 45,
    participant: [
      { actor: { reference: `Patient/${ids.patient}` } },
      { actor: { reference: worker.practitioner } },
      { actor: { display: 'her daughter' } },
    ],
  });
  // The stored resource is valid R4 as HAPI sees it.
  const checked = await fhirRequest<{ issue: { severity: string; diagnostics?: string }[] }>(
    'POST',
    'Appointment/$validate',
    rows[0]?.resource,
  );
  expect(checked.body.issue.filter((i) => i.severity === 'error')).toEqual([]);
});

it('refuses a double-booked slot for the same worker, naming the clash, and writes nothing', async () => {
  const clash = await book({ start: '2027-01-04T10:30:00Z', minutes: 30, mode: 'phone' });
  expect(clash.status).toBe(409);
  expect(clash.body.error.code).toBe('double-booked');
  expect(clash.body.error.field).toBe('start');
  expect(clash.body.error.message).toMatch(/already booked.*Mon 4 Jan.*10:00 to 10:45/);
  // The same instant in another zone offset is the same clash.
  expect(
    (await book({ start: '2027-01-04T10:40:00+00:00', minutes: 10, mode: 'video' })).status,
  ).toBe(409);
  expect((await listed()).appointments).toHaveLength(2);
  const changes = await adapter.db.query('SELECT * FROM appointment_changes');
  expect(changes).toHaveLength(2);
  // Ending as the other begins is not a clash.
  const before = await book({ start: '2027-01-04T09:30:00Z', minutes: 30, mode: 'phone' });
  expect(before.status).toBe(201);
});

it('moves an appointment to a free slot, and not onto another one', async () => {
  const moved = await api<{ appointment: Appointment } & Refusal>(
    adapter,
    'PATCH',
    `/api/cases/${caseId}/appointments/${second}`,
    { start: '2027-01-07T09:00:00Z', minutes: 20 },
  );
  expect(moved.status).toBe(200);
  expect(moved.body.appointment).toMatchObject({ start: '2027-01-07T09:00:00.000Z', minutes: 20 });
  const onto = await api<Refusal>(adapter, 'PATCH', `/api/cases/${caseId}/appointments/${second}`, {
    start: '2027-01-04T10:15:00Z',
    minutes: 20,
  });
  expect(onto.status).toBe(409);
  expect(onto.body.error.code).toBe('double-booked');
  const changes = await adapter.db.query<{ action: string }>(
    'SELECT action FROM appointment_changes WHERE appointment_id = $1 ORDER BY seq',
    [second],
  );
  expect(changes.map((c) => c.action)).toEqual(['booked', 'moved']);
});

it('records did not attend, counts it for the case and in case_attendance, and only once', async () => {
  const outcome = (id: string, body: object) =>
    api<Refusal>(adapter, 'POST', `/api/cases/${caseId}/appointments/${id}/outcome`, body);
  expect((await outcome(first, { outcome: 'did-not-attend' })).status).toBe(200);
  const again = await outcome(first, { outcome: 'attended' });
  expect(again.status).toBe(409);
  expect(again.body.error.message).toContain('already recorded as did not attend');
  expect((await outcome(second, { outcome: 'cancelled', reason: 'She is unwell' })).status).toBe(
    200,
  );
  const { appointments, attendance } = await listed();
  expect(attendance).toEqual({ attended: 0, didNotAttend: 1, cancelled: 1 });
  expect(appointments.find((a) => a.id === first)?.status).toBe('noshow');
  const report = await adapter.db.query('SELECT * FROM case_attendance WHERE case_id = $1', [
    caseId,
  ]);
  expect(report).toEqual([{ case_id: caseId, attended: 0, did_not_attend: 1, cancelled: 1 }]);
  // A slot that is no longer booked is free again.
  expect((await book({ start: '2027-01-04T10:00:00Z', minutes: 30, mode: 'phone' })).status).toBe(
    201,
  );
});

it('refuses bad input with the field to fix', async () => {
  const cases: [object, string][] = [
    [{ start: '2027-01-04T10:00:00', minutes: 30, mode: 'phone' }, 'start'],
    [{ start: '2027-02-30T10:00:00Z', minutes: 30, mode: 'phone' }, 'start'],
    [{ start: '2027-01-09T10:00:00Z', minutes: 0, mode: 'phone' }, 'minutes'],
    [{ start: '2027-01-09T10:00:00Z', minutes: 30, mode: 'fax' }, 'mode'],
    [{ minutes: 30, mode: 'phone' }, 'start'],
  ];
  for (const [body, field] of cases) {
    const refused = await book(body);
    expect(refused.status).toBe(400);
    expect(refused.body.error.field).toBe(field);
  }
  expect(
    (await api(adapter, 'POST', `/api/cases/${caseId}/appointments/not-an-id/outcome`, {})).status,
  ).toBe(400);
  expect((await api(adapter, 'GET', '/api/diary?from=2027-01-04&days=40')).status).toBe(400);
});

it('shows a day and a week of the worker’s diary with the person’s name', async () => {
  const day = await api<{ appointments: Appointment[] }>(
    adapter,
    'GET',
    '/api/diary?from=2027-01-04',
  );
  expect(day.status).toBe(200);
  // In time order (two at 10:00: the one not attended, and the one booked after it).
  expect(day.body.appointments.map((a) => a.start)).toEqual([
    '2027-01-04T09:30:00.000Z',
    '2027-01-04T10:00:00.000Z',
    '2027-01-04T10:00:00.000Z',
  ]);
  expect(day.body.appointments.map((a) => a.status).sort()).toEqual(['booked', 'booked', 'noshow']);
  expect(day.body.appointments[0]?.patientName).toBe('Test');
  const week = await api<{ appointments: Appointment[] }>(
    adapter,
    'GET',
    '/api/diary?from=2027-01-04&days=7',
  );
  expect(week.body.appointments).toHaveLength(4);
});

it('keeps the diary with the service: no Appointment reaches the GP record', async () => {
  await adapter.outbound.run();
  const found = await fhirRequest<Bundle>('GET', `Appointment?patient=Patient/${ids.patient}`);
  expect(found.status).toBe(200);
  expect(found.body.total ?? found.body.entry?.length ?? 0).toBe(0);
});
