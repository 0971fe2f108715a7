// Who a case is about, so that the person-based figures (outcomes, reach, healthcare use) count
// each person once however many times they were referred; referral figures stay per case.

/**
 * The person of a case `s` (a `scoped` row) joined to its `cases` row `c`: the EHR's Patient,
 * qualified by the endpoint it lives on (Patient ids are per server), or, for a local-only case
 * with no Patient on the EHR, the case itself (nothing yet says two such cases are one person).
 */
export const PERSON_KEY_SQL = `COALESCE(c.endpoint || '|' || s.patient_ref, 'case|' || s.id)`;

/** `keyed`: the cases in view (`scoped`) with the person each is about. */
export const KEYED_CTE = `keyed AS (
  SELECT s.id, s.referred_at, ${PERSON_KEY_SQL} AS person
  FROM scoped s JOIN cases c ON c.id = s.id
)`;

/**
 * `firsts`: each person's first referral in view (earliest, then by case id), the one case a
 * person is counted under where a figure is broken down by something that can differ between
 * their cases (age band, postcode, practice, referral month).
 */
export const FIRSTS_CTE = `firsts AS (
  SELECT DISTINCT ON (k.person) k.person, k.id FROM keyed k ORDER BY k.person, k.referred_at, k.id
)`;
