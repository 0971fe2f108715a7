import { startThrowawayPostgres, type ThrowawayPostgres } from '@linkwell/test-kit';

// The integration run's throwaway PostgreSQL (for the adapter's store tests), unless
// LINKWELL_TEST_DATABASE_URL already names one; its URL reaches test workers through the environment.
declare global {
  var linkwellPostgres: ThrowawayPostgres | undefined;
}

export async function startPostgresOnce(): Promise<void> {
  const external = process.env.LINKWELL_TEST_DATABASE_URL;
  if (external !== undefined && external !== '') return;
  const postgres = await startThrowawayPostgres();
  globalThis.linkwellPostgres = postgres;
  process.env.LINKWELL_TEST_DATABASE_URL = postgres.url;
}

export async function stopPostgresOnce(): Promise<void> {
  await globalThis.linkwellPostgres?.stop();
  globalThis.linkwellPostgres = undefined;
}
