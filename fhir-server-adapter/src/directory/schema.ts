/** Migration 6: the imported directory, its write hashes, import runs, capacity, onward replies. */
export const DIRECTORY_SCHEMA = `
CREATE TABLE directory_services (
  feed_name text NOT NULL,
  feed_id text NOT NULL,
  fhir_id text NOT NULL UNIQUE,
  name text NOT NULL,
  entry jsonb NOT NULL,
  search_text text NOT NULL,
  terms text[] NOT NULL,
  open_days text[] NOT NULL,
  -- Weekly sessions as DAY|HH:MM|HH:MM, so "open now" is answered in SQL.
  open_slots text[] NOT NULL,
  latitude double precision,
  longitude double precision,
  min_age integer,
  max_age integer,
  feed_status text NOT NULL,
  in_feed boolean NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (feed_name, feed_id)
);
CREATE INDEX directory_services_listed ON directory_services (in_feed, name);
CREATE TABLE directory_resources (
  resource_type text NOT NULL,
  fhir_id text NOT NULL,
  content_hash text NOT NULL,
  written_at timestamptz NOT NULL,
  PRIMARY KEY (resource_type, fhir_id)
);
CREATE TABLE directory_imports (
  id text PRIMARY KEY,
  feed_name text NOT NULL,
  state text NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  report jsonb NOT NULL
);
CREATE TABLE directory_capacity (
  service_id text PRIMARY KEY,
  state text NOT NULL CHECK (state IN ('taking-referrals', 'waiting-list', 'paused', 'closed')),
  expected_wait_weeks integer,
  note text,
  confirmed_at timestamptz NOT NULL,
  confirmed_by text NOT NULL
);
ALTER TABLE onward_referrals ADD COLUMN state text NOT NULL DEFAULT 'awaiting-reply';
ALTER TABLE onward_referrals ADD COLUMN state_reason text;
ALTER TABLE onward_referrals ADD COLUMN replied_at timestamptz;
ALTER TABLE onward_referrals ADD COLUMN state_at timestamptz;
CREATE INDEX onward_referrals_service ON onward_referrals (service_ref);
CREATE TABLE onward_referral_events (
  seq bigserial PRIMARY KEY,
  onward_id text NOT NULL REFERENCES onward_referrals(id),
  state text NOT NULL,
  reason text,
  at timestamptz NOT NULL,
  by_whom text NOT NULL
);
CREATE INDEX onward_referral_events_onward ON onward_referral_events (onward_id, seq);
`;
