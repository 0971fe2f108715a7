import { SCORE_VALUES_SQL } from './measures';
import { AGE_BAND_SQL } from './age-bands';

// Migration 11: what the manager's view and the exports read, one row per case, kept by the
// database itself. Statement triggers (with transition tables, so a bulk write refreshes its
// cases in one pass) recompute the rows of the cases a statement touched, in the same
// transaction as the change, whoever writes: the store, the sync, the questionnaire link,
// the directory's onward replies or the demo seed. The figures then read this table and never
// repeat a scan of contacts, history or answers per report.
//
// The score and age-band SQL are compiled in here when the migration runs: a change to
// SCORE_VALUES_SQL or AGE_BAND_SQL needs a new migration that replaces these functions and
// refreshes every case (insights_refresh_cases and insights_refresh_scores over every id).
// A bulk writer may set linkwell.insights_deferred for its transaction and call both once at
// its end (writeSyntheticCases), so a case is not rewritten once per table.

/**
 * The whole row of each case: the case and its facts from the EHR with the age band and
 * deprivation decile worked out, the first reached contact, the first meeting (reached in person,
 * or the first-meeting status), and the counts. Written in one statement, so a case has one row
 * version per change.
 */
const REFRESH_CASES = `
CREATE FUNCTION insights_refresh_cases(ids text[]) RETURNS void LANGUAGE sql AS $fn$
INSERT INTO case_insights (case_id, service_org, status, status_reason, business_status,
  assigned_to, received_at, closed_at, patient_ref, referral_ref, referred_at, practice, needs,
  birth_date, sex, ethnicity, postcode, imd_decile, age_band, first_contact, first_meeting,
  contacts, meetings, goals, onward, onward_completed)
SELECT s.id, s.service_org, s.status, s.status_reason, s.business_status, s.assigned_to,
  s.received_at, s.closed_at, s.patient_ref, s.referral_ref, s.referred_at, s.practice, s.needs,
  s.birth_date, s.sex, s.ethnicity, s.postcode, s.imd_decile, ${AGE_BAND_SQL},
  a.first_contact, LEAST(a.first_in_person, h.first_meeting), a.contacts, a.meetings,
  g.goals, o.onward, o.completed
FROM (
  SELECT c.id, c.service_org, c.status, c.status_reason, c.business_status, c.assigned_to,
    c.received_at, c.closed_at, c.patient_ref, c.referral_ref,
    COALESCE(f.referred_at, c.received_at) AS referred_at, f.practice, f.needs, f.birth_date,
    f.sex, f.ethnicity, f.postcode, d.imd_decile
  FROM cases c
  LEFT JOIN case_facts f ON f.case_id = c.id
  LEFT JOIN deprivation_areas d ON d.area = f.postcode
  WHERE c.id = ANY(ids)
) AS s
CROSS JOIN LATERAL (
  SELECT min(x.at) FILTER (WHERE x.outcome = 'reached') AS first_contact,
    min(x.at) FILTER (WHERE x.outcome = 'reached' AND x.method = 'in-person') AS first_in_person,
    count(*) FILTER (WHERE x.outcome = 'reached') AS contacts,
    count(*) FILTER (WHERE x.outcome = 'reached' AND x.method = 'in-person') AS meetings
  FROM contact_attempts x WHERE x.case_id = s.id) AS a
CROSS JOIN LATERAL (
  SELECT min(x.at) AS first_meeting FROM case_status_history x
  WHERE x.case_id = s.id AND x.business_status = 'first-meeting') AS h
CROSS JOIN LATERAL (SELECT count(*) AS goals FROM goals x WHERE x.case_id = s.id) AS g
CROSS JOIN LATERAL (
  SELECT count(*) AS onward, count(*) FILTER (WHERE x.status = 'completed') AS completed
  FROM onward_referrals x WHERE x.case_id = s.id) AS o
ON CONFLICT (case_id) DO UPDATE SET service_org = EXCLUDED.service_org,
  status = EXCLUDED.status, status_reason = EXCLUDED.status_reason,
  business_status = EXCLUDED.business_status, assigned_to = EXCLUDED.assigned_to,
  received_at = EXCLUDED.received_at, closed_at = EXCLUDED.closed_at,
  patient_ref = EXCLUDED.patient_ref, referral_ref = EXCLUDED.referral_ref,
  referred_at = EXCLUDED.referred_at, practice = EXCLUDED.practice, needs = EXCLUDED.needs,
  birth_date = EXCLUDED.birth_date, sex = EXCLUDED.sex, ethnicity = EXCLUDED.ethnicity,
  postcode = EXCLUDED.postcode, imd_decile = EXCLUDED.imd_decile, age_band = EXCLUDED.age_band,
  first_contact = EXCLUDED.first_contact, first_meeting = EXCLUDED.first_meeting,
  contacts = EXCLUDED.contacts, meetings = EXCLUDED.meetings, goals = EXCLUDED.goals,
  onward = EXCLUDED.onward, onward_completed = EXCLUDED.onward_completed;
$fn$;`;

/** Per case and measure: the first baseline and the latest follow-up, with when each was answered. */
const REFRESH_SCORES = `
CREATE FUNCTION insights_refresh_scores(ids text[]) RETURNS void LANGUAGE sql AS $fn$
DELETE FROM case_scores WHERE case_id = ANY(ids);
INSERT INTO case_scores (case_id, measure, baseline, follow_up, baseline_at, follow_up_at)
SELECT sc.case_id, sc.measure,
  (array_agg(sc.value ORDER BY sc.authored, sc.value) FILTER (WHERE sc.timing = 'baseline'))[1],
  (array_agg(sc.value ORDER BY sc.authored DESC, sc.value) FILTER (WHERE sc.timing = 'follow-up'))[1],
  min(sc.authored) FILTER (WHERE sc.timing = 'baseline'),
  max(sc.authored) FILTER (WHERE sc.timing = 'follow-up')
FROM (
  SELECT q.case_id, q.timing, q.authored, m.measure, m.value
  FROM questionnaire_answers q CROSS JOIN LATERAL ${SCORE_VALUES_SQL}
  WHERE q.case_id = ANY(ids) AND m.value IS NOT NULL
) AS sc
GROUP BY sc.case_id, sc.measure;
$fn$;`;

/**
 * The trigger of the tables that hang off a case (case_id): refreshes the rows (or, with the
 * argument 'scores', the scores) of the cases the statement touched.
 */
const TOUCHED = `
CREATE FUNCTION insights_touched() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  ids text[];
BEGIN
  -- A bulk writer (writeSyntheticCases) refreshes its cases once at the end instead.
  IF current_setting('linkwell.insights_deferred', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT case_id) INTO ids FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT case_id) INTO ids FROM old_rows;
  ELSE
    SELECT array_agg(t.case_id) INTO ids
    FROM (SELECT case_id FROM new_rows UNION SELECT case_id FROM old_rows) AS t;
  END IF;
  IF ids IS NULL THEN
    RETURN NULL;
  END IF;
  IF TG_ARGV[0] = 'scores' THEN
    PERFORM insights_refresh_scores(ids);
  ELSE
    PERFORM insights_refresh_cases(ids);
  END IF;
  RETURN NULL;
END
$fn$;`;

/** A new case gets its row; a change to what the figures read of it refreshes the row. */
const CASES_CHANGED = `
CREATE FUNCTION insights_cases_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  ids text[];
BEGIN
  -- A bulk writer (writeSyntheticCases) refreshes its cases once at the end instead.
  IF current_setting('linkwell.insights_deferred', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(id) INTO ids FROM new_rows;
  ELSE
    -- Most updates are the sync's Task snapshot, which no figure reads.
    SELECT array_agg(n.id) INTO ids FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n.service_org, n.status, n.status_reason, n.business_status, n.assigned_to,
        n.received_at, n.closed_at, n.patient_ref, n.referral_ref)
      IS DISTINCT FROM (o.service_org, o.status, o.status_reason, o.business_status,
        o.assigned_to, o.received_at, o.closed_at, o.patient_ref, o.referral_ref);
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM insights_refresh_cases(ids);
  END IF;
  RETURN NULL;
END
$fn$;`;

/** A changed decile reaches the cases whose postcode it covers. */
const AREAS_CHANGED = `
CREATE FUNCTION insights_areas_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  areas text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(area) INTO areas FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(area) INTO areas FROM old_rows;
  ELSE
    SELECT array_agg(t.area) INTO areas
    FROM (SELECT area FROM new_rows UNION SELECT area FROM old_rows) AS t;
  END IF;
  IF areas IS NOT NULL THEN
    -- Only the decile: nothing else of a case depends on the lookup.
    UPDATE case_insights i
    SET imd_decile = (SELECT d.imd_decile FROM deprivation_areas d WHERE d.area = i.postcode)
    WHERE i.postcode = ANY(areas) AND i.imd_decile IS DISTINCT FROM
      (SELECT d.imd_decile FROM deprivation_areas d WHERE d.area = i.postcode);
  END IF;
  RETURN NULL;
END
$fn$;`;

/** The three statement triggers (insert, update, delete) of a table on a trigger function. */
function triggers(table: string, fn: string, events: readonly ('INSERT' | 'UPDATE' | 'DELETE')[]) {
  const referencing = {
    INSERT: 'REFERENCING NEW TABLE AS new_rows',
    UPDATE: 'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows',
    DELETE: 'REFERENCING OLD TABLE AS old_rows',
  };
  return events
    .map(
      (event) =>
        `CREATE TRIGGER ${table}_insights_${event.toLowerCase()} AFTER ${event} ON ${table}
  ${referencing[event]} FOR EACH STATEMENT EXECUTE FUNCTION ${fn};`,
    )
    .join('\n');
}
const ALL = ['INSERT', 'UPDATE', 'DELETE'] as const;

/** Fills the rows of every case the store holds (the migration's last step). */
const CASE_INSIGHTS_BACKFILL = `
SELECT insights_refresh_cases(ARRAY(SELECT id FROM cases));
SELECT insights_refresh_scores(ARRAY(SELECT id FROM cases));
`;

export const CASE_INSIGHTS_SCHEMA = `
CREATE TABLE case_insights (
  case_id text PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
  service_org text NOT NULL,
  status text NOT NULL,
  status_reason text,
  business_status text,
  assigned_to text,
  received_at timestamptz NOT NULL,
  closed_at timestamptz,
  patient_ref text NOT NULL,
  referral_ref text NOT NULL,
  referred_at timestamptz NOT NULL,
  practice text,
  needs text[],
  birth_date date,
  sex text,
  ethnicity text,
  postcode text,
  imd_decile integer,
  age_band text NOT NULL,
  first_contact timestamptz,
  first_meeting timestamptz,
  contacts integer NOT NULL DEFAULT 0,
  meetings integer NOT NULL DEFAULT 0,
  goals integer NOT NULL DEFAULT 0,
  onward integer NOT NULL DEFAULT 0,
  onward_completed integer NOT NULL DEFAULT 0
);
CREATE INDEX case_insights_service ON case_insights (service_org, case_id);
CREATE TABLE case_scores (
  case_id text NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  measure text NOT NULL,
  baseline numeric,
  follow_up numeric,
  baseline_at timestamptz,
  follow_up_at timestamptz,
  PRIMARY KEY (case_id, measure)
);
${REFRESH_CASES}
${REFRESH_SCORES}
${TOUCHED}
${CASES_CHANGED}
${AREAS_CHANGED}
${triggers('cases', 'insights_cases_changed()', ['INSERT', 'UPDATE'])}
${triggers('case_facts', "insights_touched('cases')", ALL)}
${triggers('deprivation_areas', 'insights_areas_changed()', ALL)}
${triggers('contact_attempts', "insights_touched('cases')", ALL)}
${triggers('case_status_history', "insights_touched('cases')", ALL)}
${triggers('goals', "insights_touched('cases')", ALL)}
${triggers('onward_referrals', "insights_touched('cases')", ALL)}
${triggers('questionnaire_answers', "insights_touched('scores')", ALL)}
${CASE_INSIGHTS_BACKFILL}`;
