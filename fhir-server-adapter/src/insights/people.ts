import { IN_VIEW_SQL } from './filters';

// Who a case is about, so that the person-based figures (outcomes, reach, healthcare use) count
// each person once however many times they were referred; referral figures stay per case.

/**
 * The person of a case: the EHR's Patient, qualified by the endpoint it lives on (Patient ids are
 * per server), or, for a local-only case with no Patient on the EHR, the case itself (nothing yet
 * says two such cases are one person).
 */
export const personKeySql = (endpoint: string, patientRef: string, caseId: string): string =>
  `COALESCE(${endpoint} || '|' || ${patientRef}, 'case|' || ${caseId})`;

/**
 * Migration 14: `case_insights.person`, kept by a row trigger as the row is written (a case's
 * endpoint is set when it is made and never changes; its Patient can arrive later, when a
 * local-only case is put on the EHR), so the figures group by it without reading `cases`. The key
 * is compiled in here when the migration runs: changing personKeySql needs a new migration.
 */
export const CASE_PERSON_SCHEMA = `
ALTER TABLE case_insights ADD COLUMN person text;
CREATE FUNCTION insights_person() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.person := ${personKeySql(
    '(SELECT c.endpoint FROM cases c WHERE c.id = NEW.case_id)',
    'NEW.patient_ref',
    'NEW.case_id',
  )};
  RETURN NEW;
END
$fn$;
CREATE TRIGGER case_insights_person BEFORE INSERT OR UPDATE OF patient_ref ON case_insights
  FOR EACH ROW EXECUTE FUNCTION insights_person();
UPDATE case_insights i SET person = ${personKeySql('c.endpoint', 'i.patient_ref', 'i.case_id')}
  FROM cases c WHERE c.id = i.case_id;
ALTER TABLE case_insights ALTER COLUMN person SET NOT NULL;
`;

/**
 * `several_in_view`: the cases in view of the people with more than one case at the service
 * (`several`), each with `first_id`, the person's first referral in view (earliest, then by case
 * id): the case such a person is counted under, where a breakdown can differ between their cases
 * (age band, postcode). Most people have one case: the figures pass their cases straight through
 * and sort only these, so they cost about what they did per case. Uses scopedCases' $1 to $6.
 */
export const SEVERAL_CTE = `several AS (
  SELECT a.person FROM case_insights a WHERE a.service_org = $1
  GROUP BY a.person HAVING count(*) > 1
), several_in_view AS (
  SELECT i.case_id AS id,
    first_value(i.case_id) OVER (PARTITION BY i.person ORDER BY i.referred_at, i.case_id) AS first_id
  FROM case_insights i JOIN several m ON m.person = i.person
  WHERE ${IN_VIEW_SQL}
)`;
