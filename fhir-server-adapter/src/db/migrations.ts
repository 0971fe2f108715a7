import { DIRECTORY_SCHEMA } from '../directory/schema';
import { CASE_INSIGHTS_SCHEMA } from '../insights/case-insights-schema';
import { WINDOW_COUNTS_SCHEMA } from '../insights/healthcare-use-counts';
import { CASE_PERSON_SCHEMA } from '../insights/people';
import type { Database } from './database';

/** Versioned schema changes, applied in order, each once, in its own transaction. Append only. */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'cases, records, outbox and sync state',
    sql: `
CREATE TABLE cases (
  id text PRIMARY KEY,
  service_org text NOT NULL,
  task_id text NOT NULL UNIQUE,
  task_version text,
  task_json jsonb NOT NULL,
  referral_ref text NOT NULL,
  patient_ref text NOT NULL,
  status text NOT NULL,
  status_reason text,
  business_status text,
  assigned_to text,
  received_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX cases_service ON cases (service_org, received_at);
CREATE TABLE contact_attempts (
  id text PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases(id),
  at timestamptz NOT NULL,
  method text NOT NULL,
  outcome text NOT NULL,
  link_worker text NOT NULL
);
CREATE TABLE notes (
  id text PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases(id),
  author text NOT NULL,
  text text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE TABLE goals (
  id text PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases(id),
  description text NOT NULL,
  lifecycle_status text NOT NULL,
  achievement text,
  target_measure text,
  target_detail text,
  target_due date,
  start_date date NOT NULL,
  shared boolean NOT NULL,
  link_worker text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE TABLE questionnaire_answers (
  id text PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases(id),
  instrument text NOT NULL,
  timing text NOT NULL,
  answers jsonb NOT NULL,
  authored timestamptz NOT NULL,
  shared boolean NOT NULL,
  link_worker text NOT NULL
);
CREATE TABLE onward_referrals (
  id text PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases(id),
  service_ref text NOT NULL,
  service_name text,
  note text,
  status text NOT NULL,
  authored_on timestamptz NOT NULL,
  shared boolean NOT NULL,
  link_worker text NOT NULL
);
CREATE TABLE outbox (
  seq bigserial PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases(id),
  kind text NOT NULL,
  record_id text NOT NULL,
  link_worker text NOT NULL,
  created_at timestamptz NOT NULL,
  state text NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0,
  message text
);
CREATE INDEX outbox_state ON outbox (state, seq);
CREATE TABLE fhir_links (
  kind text NOT NULL,
  record_id text NOT NULL,
  resource_type text NOT NULL,
  fhir_id text NOT NULL,
  version_id text,
  content_hash text NOT NULL,
  PRIMARY KEY (kind, record_id, resource_type, fhir_id)
);
CREATE TABLE sync_state (key text PRIMARY KEY, value text NOT NULL);
`,
  },
  {
    version: 2,
    name: 'caseload: next follow-up per case, contact attempts by case',
    sql: `
CREATE TABLE case_follow_ups (
  case_id text PRIMARY KEY REFERENCES cases(id),
  due date NOT NULL,
  set_by text NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX contact_attempts_case ON contact_attempts (case_id, at);
CREATE INDEX outbox_case ON outbox (case_id, kind, record_id, seq);
`,
  },
  {
    version: 3,
    name: 'closed loop: consent per case, status history, closure, inbound holds',
    sql: `
ALTER TABLE cases ADD COLUMN closure_reason text;
ALTER TABLE cases ADD COLUMN gp_actions text;
ALTER TABLE cases ADD COLUMN closed_at timestamptz;
CREATE TABLE case_status_history (
  seq bigserial PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases(id),
  status text NOT NULL,
  business_status text,
  at timestamptz NOT NULL,
  by_practitioner text
);
CREATE INDEX case_status_history_case ON case_status_history (case_id, seq);
CREATE TABLE case_consents (
  case_id text PRIMARY KEY REFERENCES cases(id),
  consent_id text,
  version_id text,
  status text NOT NULL,
  share_with_service boolean NOT NULL,
  write_back boolean NOT NULL,
  recorded_at timestamptz,
  recorded_by text,
  withdrawn_at timestamptz,
  withdrawn_by text,
  updated_at timestamptz NOT NULL
);
CREATE TABLE inbound_holds (
  task_id text PRIMARY KEY,
  service_org text NOT NULL,
  reason text NOT NULL,
  task_version text,
  first_seen timestamptz NOT NULL,
  last_seen timestamptz NOT NULL,
  resolved_at timestamptz
);
CREATE INDEX inbound_holds_service ON inbound_holds (service_org, resolved_at);
`,
  },
  {
    version: 4,
    name: 'audit: who read or changed which case, and when (never what)',
    sql: `
CREATE TABLE case_access (
  seq bigserial PRIMARY KEY,
  case_id text NOT NULL,
  practitioner text NOT NULL,
  action text NOT NULL CHECK (action IN ('read', 'change')),
  route text NOT NULL,
  status integer NOT NULL,
  request_id text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX case_access_case ON case_access (case_id, at);
`,
  },
  {
    version: 5,
    name: 'insights: facts per case from the referral and patient, deprivation lookup, export jobs',
    sql: `
CREATE TABLE case_facts (
  case_id text PRIMARY KEY REFERENCES cases(id),
  referred_at timestamptz,
  practice text,
  needs text[] NOT NULL,
  birth_date date,
  sex text,
  ethnicity text,
  postcode text,
  updated_at timestamptz NOT NULL
);
CREATE INDEX case_facts_referred ON case_facts (referred_at);
CREATE TABLE deprivation_areas (
  area text PRIMARY KEY,
  imd_decile integer NOT NULL CHECK (imd_decile BETWEEN 1 AND 10)
);
CREATE INDEX questionnaire_answers_case ON questionnaire_answers (case_id, instrument, timing);
CREATE INDEX onward_referrals_case ON onward_referrals (case_id);
CREATE INDEX goals_case ON goals (case_id);
`,
  },
  {
    version: 6,
    name: 'directory: imported community services, capacity, onward referral replies',
    sql: DIRECTORY_SCHEMA,
  },
  {
    version: 7,
    name: 'diary and team: appointments (FHIR Appointment JSON), their changes, attendance per case; case holders and cover',
    sql: `
CREATE TABLE appointments (
  id text PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases(id),
  service_org text NOT NULL,
  practitioner text NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('booked', 'fulfilled', 'noshow', 'cancelled')),
  resource jsonb NOT NULL,
  booked_by text NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);
CREATE INDEX appointments_worker ON appointments (practitioner, starts_at);
CREATE INDEX appointments_case ON appointments (case_id, starts_at);
CREATE TABLE appointment_changes (
  seq bigserial PRIMARY KEY,
  appointment_id text NOT NULL REFERENCES appointments(id),
  action text NOT NULL CHECK (action IN ('booked', 'moved', 'fulfilled', 'noshow', 'cancelled')),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  at timestamptz NOT NULL,
  by_practitioner text NOT NULL
);
CREATE INDEX appointment_changes_appointment ON appointment_changes (appointment_id, seq);
CREATE VIEW case_attendance AS
  SELECT case_id,
    count(*) FILTER (WHERE status = 'fulfilled')::int AS attended,
    count(*) FILTER (WHERE status = 'noshow')::int AS did_not_attend,
    count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled
  FROM appointments GROUP BY case_id;
CREATE TABLE case_assignments (
  seq bigserial PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases(id),
  kind text NOT NULL CHECK (kind IN ('holder', 'cover')),
  practitioner text NOT NULL,
  cover_from date,
  cover_until date,
  ended_at timestamptz,
  at timestamptz NOT NULL,
  by_practitioner text NOT NULL
);
CREATE INDEX case_assignments_case ON case_assignments (case_id, seq);
CREATE INDEX case_assignments_cover ON case_assignments (practitioner, kind, cover_until);
`,
  },
  {
    version: 8,
    name: 'risks and communication needs, assessed needs and the care plan, questionnaire links',
    sql: `
CREATE TABLE case_risks (
  id text PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases(id),
  risk_type text NOT NULL,
  detail text,
  status text NOT NULL CHECK (status IN ('active', 'resolved')),
  source text NOT NULL CHECK (source IN ('referral', 'link-worker')),
  source_flag text,
  share_with_gp boolean NOT NULL,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL,
  reviewed_by text,
  reviewed_at timestamptz,
  resolved_at timestamptz,
  UNIQUE (case_id, source_flag)
);
CREATE INDEX case_risks_case ON case_risks (case_id, recorded_at);
CREATE TABLE case_communication_needs (
  case_id text PRIMARY KEY REFERENCES cases(id),
  needs jsonb NOT NULL,
  source text NOT NULL CHECK (source IN ('referral', 'link-worker')),
  updated_by text,
  updated_at timestamptz NOT NULL
);
CREATE TABLE case_assessed_needs (
  id text PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases(id),
  need text NOT NULL,
  concern text,
  assessed_by text NOT NULL,
  assessed_at timestamptz NOT NULL
);
CREATE INDEX case_assessed_needs_case ON case_assessed_needs (case_id, assessed_at);
CREATE TABLE care_plan_actions (
  id text PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases(id),
  description text NOT NULL,
  who text,
  due date,
  status text NOT NULL CHECK (status IN ('agreed', 'done', 'dropped')),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX care_plan_actions_case ON care_plan_actions (case_id, created_at);
CREATE TABLE care_plans (
  case_id text PRIMARY KEY REFERENCES cases(id),
  what_matters text,
  shared boolean NOT NULL,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE TABLE questionnaire_links (
  id text PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases(id),
  instrument text NOT NULL,
  timing text NOT NULL,
  shared boolean NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  answers_id text
);
CREATE INDEX questionnaire_links_case ON questionnaire_links (case_id, created_at);
`,
  },
  {
    version: 9,
    name: 'several adapters on one store: outbox claims per case, and leases',
    sql: `
CREATE TABLE outbox_claims (
  case_id text PRIMARY KEY,
  holder text NOT NULL,
  until timestamptz NOT NULL
);
CREATE TABLE leases (
  name text PRIMARY KEY,
  holder text NOT NULL,
  until timestamptz NOT NULL
);
`,
  },
  {
    version: 10,
    name: 'healthcare use: the EHR Encounters of consented patients, classified, and what was read when',
    sql: `
CREATE TABLE patient_encounters (
  patient_ref text NOT NULL,
  encounter_id text NOT NULL,
  start_day date NOT NULL,
  setting text NOT NULL CHECK (setting IN ('gp', 'emergency', 'admission', 'other')),
  class_code text,
  type_codes text[] NOT NULL,
  PRIMARY KEY (patient_ref, encounter_id)
);
CREATE INDEX patient_encounters_day ON patient_encounters (patient_ref, setting, start_day);
CREATE TABLE encounter_reads (
  patient_ref text PRIMARY KEY,
  read_from date NOT NULL,
  read_through date NOT NULL,
  encounters integer NOT NULL,
  read_at timestamptz NOT NULL
);
`,
  },
  {
    version: 11,
    name: 'insights: one row of figures per case and its paired scores, kept by triggers, backfilled',
    sql: CASE_INSIGHTS_SCHEMA,
  },
  {
    version: 12,
    name: 'several EHR endpoints: each case and held Task knows its endpoint; Task ids per endpoint',
    sql: `
ALTER TABLE cases ADD COLUMN endpoint text NOT NULL DEFAULT 'default';
ALTER TABLE cases DROP CONSTRAINT cases_task_id_key;
CREATE UNIQUE INDEX cases_endpoint_task ON cases (endpoint, task_id);
ALTER TABLE inbound_holds ADD COLUMN endpoint text NOT NULL DEFAULT 'default';
ALTER TABLE inbound_holds DROP CONSTRAINT inbound_holds_pkey;
ALTER TABLE inbound_holds ADD PRIMARY KEY (endpoint, task_id);
`,
  },
  {
    version: 13,
    name: 'referrals from anyone: local-only cases, the people they are for, and every source',
    sql: `
ALTER TABLE cases ALTER COLUMN task_id DROP NOT NULL;
ALTER TABLE cases ALTER COLUMN task_json DROP NOT NULL;
ALTER TABLE cases ALTER COLUMN referral_ref DROP NOT NULL;
ALTER TABLE cases ALTER COLUMN patient_ref DROP NOT NULL;
-- The figures kept per case (migration 11) follow: a local-only case has no Patient or Referral.
ALTER TABLE case_insights ALTER COLUMN patient_ref DROP NOT NULL;
ALTER TABLE case_insights ALTER COLUMN referral_ref DROP NOT NULL;
CREATE INDEX cases_patient ON cases (service_org, patient_ref);
CREATE TABLE case_people (
  case_id text PRIMARY KEY REFERENCES cases(id),
  given text NOT NULL,
  family text NOT NULL,
  birth_date date NOT NULL,
  nhs_number text,
  postcode text,
  contact text
);
CREATE INDEX case_people_birth ON case_people (birth_date);
CREATE TABLE case_sources (
  id text PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases(id),
  kind text NOT NULL,
  referrer_name text,
  referrer_organisation text,
  referrer_contact text,
  heard_from text,
  reason text,
  needs jsonb NOT NULL,
  task_id text UNIQUE,
  recorded_by text,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX case_sources_case ON case_sources (case_id, recorded_at);
`,
  },
  {
    version: 14,
    name: 'research permission: the Consent says, or the link worker records, research use allowed',
    sql: `
ALTER TABLE case_consents ADD COLUMN research boolean NOT NULL DEFAULT false;
ALTER TABLE case_consents ADD COLUMN research_changed_at timestamptz;
ALTER TABLE case_consents ADD COLUMN research_changed_by text;
`,
  },
  {
    version: 15,
    name: 'insights count people: each case row knows its person (endpoint and Patient, or the case)',
    sql: CASE_PERSON_SCHEMA,
  },
  {
    version: 16,
    name: 'healthcare use from every EHR endpoint: the Encounter cache is kept per endpoint and Patient',
    sql: `
ALTER TABLE encounter_reads ADD COLUMN endpoint text NOT NULL DEFAULT 'default';
ALTER TABLE encounter_reads DROP CONSTRAINT encounter_reads_pkey;
ALTER TABLE encounter_reads ADD PRIMARY KEY (endpoint, patient_ref);
ALTER TABLE patient_encounters ADD COLUMN endpoint text NOT NULL DEFAULT 'default';
ALTER TABLE patient_encounters DROP CONSTRAINT patient_encounters_pkey;
ALTER TABLE patient_encounters ADD PRIMARY KEY (endpoint, patient_ref, encounter_id);
DROP INDEX patient_encounters_day;
CREATE INDEX patient_encounters_day ON patient_encounters (endpoint, patient_ref, setting, start_day);
`,
  },
  {
    version: 17,
    name: "healthcare use at scale: each patient's Encounter counts around each referral day, kept",
    sql: WINDOW_COUNTS_SCHEMA,
  },
];

/** Brings the schema up to date; safe to call at every start and from several processes. */
export async function migrate(db: Database): Promise<number[]> {
  await db.query(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)',
  );
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    await db.transaction(async (tx) => {
      // Serialises concurrent starts against one server; PGlite has one connection anyway.
      if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(8092)');
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [
        migration.version,
      ]);
      if (done.length > 0) return;
      await tx.query(migration.sql);
      await tx.query('INSERT INTO schema_migrations VALUES ($1, $2, now())', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    });
  }
  return applied;
}
