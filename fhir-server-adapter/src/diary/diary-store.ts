import { randomUUID } from 'node:crypto';
import type { Appointment } from 'fhir/r4';
import type { Database, Queryable } from '../db/database';
import { text, type Row } from '../store/rows';
import {
  APPOINTMENT_OUTCOMES,
  appointmentResource,
  endOf,
  type AppointmentDetails,
  type AppointmentMode,
  type AppointmentOutcome,
  type AppointmentRecord,
  type AppointmentSlot,
  type AppointmentStatus,
} from './appointment';

/** The diary entry that a new or moved slot would clash with. */
export class DoubleBookingError extends Error {
  constructor(readonly clash: AppointmentRecord) {
    super('The slot overlaps another booked appointment of the same link worker.');
    this.name = 'DoubleBookingError';
  }
}

/** An appointment that is no longer booked cannot be moved or given another outcome. */
export class AppointmentClosedError extends Error {
  constructor(readonly current: AppointmentRecord) {
    super('The appointment is no longer booked.');
    this.name = 'AppointmentClosedError';
  }
}

export interface CaseRefs {
  readonly caseId: string;
  readonly serviceOrg: string;
  readonly patientRef: string | undefined;
  readonly referralRef: string | undefined;
}

/** Attendance per case (the case_attendance view, which reports can count too). */
export interface Attendance {
  readonly attended: number;
  readonly didNotAttend: number;
  readonly cancelled: number;
}

function fromRow(row: Row): AppointmentRecord {
  const resource = row.resource as Appointment;
  const mode = resource.serviceType?.[0]?.coding?.[0]?.code as AppointmentMode;
  const withWhom = resource.participant.find((p) => p.actor?.reference === undefined)?.actor
    ?.display;
  return {
    id: text(row.id),
    caseId: text(row.case_id),
    serviceOrg: text(row.service_org),
    practitioner: text(row.practitioner),
    status: text(row.status) as AppointmentStatus,
    start: text(row.starts_at),
    end: text(row.ends_at),
    minutes: resource.minutesDuration ?? 0,
    mode,
    ...(resource.comment === undefined ? {} : { where: resource.comment }),
    ...(withWhom === undefined ? {} : { withWhom }),
    ...(resource.cancelationReason?.text === undefined
      ? {}
      : { cancelReason: resource.cancelationReason.text }),
    bookedBy: text(row.booked_by),
    updatedAt: text(row.updated_at),
    updatedBy: text(row.updated_by),
  };
}

const SELECT = 'SELECT a.* FROM appointments a';

/** The service's diary (tables appointments, appointment_changes): kept locally, never synced. */
export class DiaryStore {
  constructor(private readonly db: Database) {}

  /** Refuses the slot when it overlaps another booked appointment of the worker (under a lock). */
  private async checkFree(
    tx: Queryable,
    practitioner: string,
    slot: AppointmentSlot,
    except: string | undefined,
  ): Promise<void> {
    if (this.db.kind === 'postgres') {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`diary:${practitioner}`]);
    }
    const clash = await tx.query<Row>(
      `${SELECT} WHERE practitioner = $1 AND status = 'booked' AND starts_at < $3 AND ends_at > $2
         AND ($4::text IS NULL OR id <> $4) ORDER BY starts_at LIMIT 1`,
      [practitioner, slot.start, endOf(slot), except ?? null],
    );
    if (clash[0] !== undefined) throw new DoubleBookingError(fromRow(clash[0]));
  }

  private async write(
    tx: Queryable,
    record: AppointmentRecord,
    refs: CaseRefs,
    action: string,
    insert: boolean,
  ): Promise<void> {
    const resource = appointmentResource(record, refs);
    if (insert) {
      await tx.query(
        `INSERT INTO appointments (id, case_id, service_org, practitioner, starts_at, ends_at,
           status, resource, booked_by, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          record.id,
          record.caseId,
          record.serviceOrg,
          record.practitioner,
          record.start,
          record.end,
          record.status,
          resource as unknown as Record<string, unknown>,
          record.bookedBy,
          record.updatedAt,
          record.updatedBy,
        ],
      );
    } else {
      await tx.query(
        `UPDATE appointments SET starts_at = $2, ends_at = $3, status = $4, resource = $5,
           updated_at = $6, updated_by = $7 WHERE id = $1`,
        [
          record.id,
          record.start,
          record.end,
          record.status,
          resource as unknown as Record<string, unknown>,
          record.updatedAt,
          record.updatedBy,
        ],
      );
    }
    await tx.query(
      `INSERT INTO appointment_changes (appointment_id, action, starts_at, ends_at, at, by_practitioner)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [record.id, action, record.start, record.end, record.updatedAt, record.updatedBy],
    );
  }

  /** Books a slot in `practitioner`'s diary for the case; a clash throws DoubleBookingError. */
  book(
    refs: CaseRefs,
    practitioner: string,
    details: AppointmentDetails,
    by: string,
  ): Promise<AppointmentRecord> {
    const now = new Date().toISOString();
    const record: AppointmentRecord = {
      ...details,
      start: new Date(details.start).toISOString(),
      end: endOf(details),
      id: randomUUID(),
      caseId: refs.caseId,
      serviceOrg: refs.serviceOrg,
      practitioner,
      status: 'booked',
      bookedBy: by,
      updatedAt: now,
      updatedBy: by,
    };
    return this.db.transaction(async (tx) => {
      await this.checkFree(tx, practitioner, record, undefined);
      await this.write(tx, record, refs, 'booked', true);
      return record;
    });
  }

  private async booked(tx: Queryable, caseId: string, id: string): Promise<AppointmentRecord> {
    const rows = await tx.query<Row>(`${SELECT} WHERE id = $1 AND case_id = $2 FOR UPDATE`, [
      id,
      caseId,
    ]);
    if (rows[0] === undefined) throw new RangeError('no such appointment');
    const found = fromRow(rows[0]);
    if (found.status !== 'booked') throw new AppointmentClosedError(found);
    return found;
  }

  /** Moves a booked appointment to another slot (checked for clashes like a booking). */
  move(refs: CaseRefs, id: string, slot: AppointmentSlot, by: string): Promise<AppointmentRecord> {
    return this.db.transaction(async (tx) => {
      const found = await this.booked(tx, refs.caseId, id);
      const moved: AppointmentRecord = {
        ...found,
        start: new Date(slot.start).toISOString(),
        minutes: slot.minutes,
        end: endOf(slot),
        updatedAt: new Date().toISOString(),
        updatedBy: by,
      };
      await this.checkFree(tx, found.practitioner, moved, id);
      await this.write(tx, moved, refs, 'moved', false);
      return moved;
    });
  }

  /** Records how a booked appointment went: attended, did not attend, or cancelled. */
  record(
    refs: CaseRefs,
    id: string,
    outcome: AppointmentOutcome,
    by: string,
    reason?: string,
  ): Promise<AppointmentRecord> {
    return this.db.transaction(async (tx) => {
      const found = await this.booked(tx, refs.caseId, id);
      const status = APPOINTMENT_OUTCOMES[outcome];
      const done: AppointmentRecord = {
        ...found,
        status,
        ...(reason === undefined ? {} : { cancelReason: reason }),
        updatedAt: new Date().toISOString(),
        updatedBy: by,
      };
      await this.write(tx, done, refs, status, false);
      return done;
    });
  }

  /** A case's appointments, soonest first. */
  async forCase(caseId: string): Promise<AppointmentRecord[]> {
    const rows = await this.db.query<Row>(`${SELECT} WHERE case_id = $1 ORDER BY starts_at, id`, [
      caseId,
    ]);
    return rows.map(fromRow);
  }

  /** A worker's diary between two instants (cancelled ones included, marked as such). */
  async between(
    serviceOrg: string,
    practitioners: readonly string[],
    from: string,
    to: string,
  ): Promise<AppointmentRecord[]> {
    const rows = await this.db.query<Row>(
      `${SELECT} WHERE service_org = $1 AND practitioner = ANY($2::text[])
         AND starts_at < $4 AND ends_at > $3 ORDER BY starts_at, id`,
      [serviceOrg, [...practitioners], from, to],
    );
    return rows.map(fromRow);
  }

  /** Attended, did-not-attend and cancelled counts of a case. */
  async attendance(caseId: string): Promise<Attendance> {
    const rows = await this.db.query<Row>('SELECT * FROM case_attendance WHERE case_id = $1', [
      caseId,
    ]);
    const row = rows[0];
    return {
      attended: Number(row?.attended ?? 0),
      didNotAttend: Number(row?.did_not_attend ?? 0),
      cancelled: Number(row?.cancelled ?? 0),
    };
  }

  /** The stored FHIR Appointment of one diary entry. */
  async resource(caseId: string, id: string): Promise<Appointment | undefined> {
    const rows = await this.db.query<Row>(
      'SELECT resource FROM appointments WHERE id = $1 AND case_id = $2',
      [id, caseId],
    );
    return rows[0]?.resource as Appointment | undefined;
  }
}
