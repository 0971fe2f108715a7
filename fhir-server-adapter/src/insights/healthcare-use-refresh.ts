import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import type { FhirGateway } from '../fhir/gateway';
import type { Logger } from '../log';
import {
  PATIENTS_PER_SEARCH,
  readEncounters,
  saveEncounters,
  type PatientToRead,
} from './healthcare-use-read';
import { CONSENTED_CASE_SQL, REFERRAL_DAY_SQL } from './healthcare-use-queries';

/** A refresh of the cached Encounters (`GET /api/insights/healthcare-use/refresh`). */
export interface EncounterRefreshJob {
  readonly id: string;
  status: 'running' | 'done' | 'failed';
  /** Patients whose Encounters this refresh reads, and how many it has read. */
  readonly patients: number;
  read: number;
  encounters: number;
  /** Patients whose cached Encounters were dropped: no consented case any more. */
  dropped: number;
  /** Endpoints whose reads failed this time: only their people stay stale. */
  readonly failedEndpoints: string[];
  readonly startedAt: string;
  finishedAt?: string;
}

/** A patient of one endpoint to read. */
interface EndpointPatient extends PatientToRead {
  readonly endpoint: string;
}

/**
 * Consented patients of the service, per endpoint, whose cache does not cover what the windows need: never
 * read, read from too late, or read before their last window closed and not yet today. A case
 * for someone not registered on the EHR (no Patient) has nothing to read.
 */
const TO_READ_SQL = `
  WITH wanted AS (
    SELECT c.endpoint, c.patient_ref,
      (min(${REFERRAL_DAY_SQL}) - interval '12 months')::date AS read_from,
      (max(${REFERRAL_DAY_SQL}) + interval '12 months')::date AS needed_through
    FROM cases c LEFT JOIN case_facts f ON f.case_id = c.id
    WHERE c.service_org = $1 AND c.endpoint = ANY($3::text[]) AND c.patient_ref IS NOT NULL
      AND ${CONSENTED_CASE_SQL}
    GROUP BY c.endpoint, c.patient_ref
  )
  SELECT w.endpoint, w.patient_ref, to_char(w.read_from, 'YYYY-MM-DD') AS read_from
  FROM wanted w
  LEFT JOIN encounter_reads r ON r.endpoint = w.endpoint AND r.patient_ref = w.patient_ref
  WHERE r.patient_ref IS NULL OR r.read_from > w.read_from
    OR (r.read_through < w.needed_through AND r.read_through < $2::date)
  ORDER BY w.endpoint, w.patient_ref`;

// Any service's consented case on the same endpoint keeps a patient's Encounters; none, and they go.
const DROP_SQL = (table: string): string => `
  DELETE FROM ${table} t WHERE NOT EXISTS (
    SELECT 1 FROM cases c WHERE c.endpoint = t.endpoint AND c.patient_ref = t.patient_ref
      AND ${CONSENTED_CASE_SQL})`;

/**
 * Reads consented patients' Encounters from the EHR into the store, PATIENTS_PER_SEARCH at a
 * time, so the report is SQL over the store. Each endpoint's patients are read through that
 * endpoint's own gateway; one endpoint failing leaves only its own people stale. One refresh at a time: starting while one runs
 * returns that one. Running it again reads only what is missing or still changing.
 */
export class EncounterRefresh {
  private job: EncounterRefreshJob | undefined;
  private running: Promise<void> | undefined;
  private starting: Promise<EncounterRefreshJob> | undefined;

  constructor(
    private readonly deps: {
      readonly db: Database;
      /** Each EHR endpoint's gateway by id: a case's patient is read from its own endpoint. */
      readonly gateways: ReadonlyMap<string, FhirGateway>;
      readonly serviceOrg: string;
      readonly log: Logger;
      readonly now?: () => Date;
    },
  ) {}

  /** The latest refresh, running or finished. */
  latest(): EncounterRefreshJob | undefined {
    return this.job;
  }

  start(): Promise<EncounterRefreshJob> {
    if (this.job?.status === 'running') return Promise.resolve(this.job);
    // Two requests at once start one refresh: the second waits for the first to begin.
    this.starting ??= this.begin().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async begin(): Promise<EncounterRefreshJob> {
    const today = (this.deps.now ?? (() => new Date()))().toISOString().slice(0, 10);
    const dropped = await this.deps.db.transaction(async (tx) => {
      const gone = await tx.query(`${DROP_SQL('encounter_reads')} RETURNING t.patient_ref`);
      await tx.query(DROP_SQL('patient_encounters'));
      await tx.query(DROP_SQL('encounter_window_counts'));
      return gone.length;
    });
    const toRead = (
      await this.deps.db.query<{ endpoint: string; patient_ref: string; read_from: string }>(
        TO_READ_SQL,
        [this.deps.serviceOrg, today, [...this.deps.gateways.keys()]],
      )
    ).map((r): EndpointPatient => ({
      endpoint: r.endpoint,
      patientRef: r.patient_ref,
      from: r.read_from,
    }));
    const job: EncounterRefreshJob = {
      id: randomUUID(),
      status: 'running',
      patients: toRead.length,
      read: 0,
      encounters: 0,
      dropped,
      failedEndpoints: [],
      startedAt: new Date().toISOString(),
    };
    this.job = job;
    this.running = this.run(job, toRead, today);
    return job;
  }

  /** Resolves when the current refresh has finished (tests, the schedule). */
  async finished(): Promise<EncounterRefreshJob | undefined> {
    await this.running;
    return this.job;
  }

  private async run(job: EncounterRefreshJob, toRead: EndpointPatient[], today: string) {
    try {
      for (const [endpoint, gateway] of this.deps.gateways) {
        const own = toRead.filter((p) => p.endpoint === endpoint);
        if (own.length === 0) continue;
        try {
          await this.readEndpoint(job, endpoint, gateway, own, today);
        } catch (error) {
          // What was saved stays (each chunk in its own transaction); the next refresh reads the
          // rest. The endpoint's id only: no patient data.
          job.failedEndpoints.push(endpoint);
          this.deps.log.warn('insights.encounters-failed', {
            endpoint,
            error: error instanceof Error ? error.name : 'unknown',
          });
        }
      }
      job.status = job.failedEndpoints.length === 0 ? 'done' : 'failed';
      this.deps.log.info('insights.encounters-read', {
        patients: job.read,
        encounters: job.encounters,
        dropped: job.dropped,
        failedEndpoints: job.failedEndpoints.join(','),
      });
    } finally {
      job.finishedAt = new Date().toISOString();
    }
  }

  private async readEndpoint(
    job: EncounterRefreshJob,
    endpoint: string,
    gateway: FhirGateway,
    toRead: readonly PatientToRead[],
    today: string,
  ): Promise<void> {
    for (let start = 0; start < toRead.length; start += PATIENTS_PER_SEARCH) {
      const chunk = toRead.slice(start, start + PATIENTS_PER_SEARCH);
      const rows = await readEncounters(gateway, chunk, today);
      await this.deps.db.transaction((tx) => saveEncounters(tx, endpoint, chunk, rows, today));
      job.read += chunk.length;
      job.encounters += rows.length;
    }
  }
}
