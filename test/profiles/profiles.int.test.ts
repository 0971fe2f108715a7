import { profileSuite } from './profile-suite';

// The profile contract on the run's shared HAPI (H2); profiles-postgres.int.test.ts runs the same
// suite on a HAPI of its own on PostgreSQL.
const base = process.env.LINKWELL_TEST_FHIR_BASE;
if (base === undefined || base === '') {
  throw new Error('LINKWELL_TEST_FHIR_BASE is not set: run with the integration project');
}
profileSuite(() => base);
