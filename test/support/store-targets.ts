import { openDatabase, type Database } from '@linkwell/fhir-server-adapter';

/**
 * The two stores the adapter runs on, for tests that must pass on both: the embedded PGlite and a
 * real PostgreSQL server (the run's throwaway cluster, LINKWELL_TEST_DATABASE_URL).
 */
export const STORE_TARGETS: readonly (readonly [string, () => Promise<Database>])[] = [
  ['PGlite', () => openDatabase({ inMemory: true })],
  [
    'PostgreSQL',
    () => {
      const url = process.env.LINKWELL_TEST_DATABASE_URL;
      if (url === undefined || url === '') throw new Error('LINKWELL_TEST_DATABASE_URL is not set');
      return openDatabase({ databaseUrl: url });
    },
  ],
];
