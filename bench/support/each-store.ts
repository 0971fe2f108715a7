import { openDatabase, type Database } from '@linkwell/fhir-server-adapter';
import { startThrowawayPostgres } from '@linkwell/test-kit';

/** Runs `work` on an in-memory PGlite store, then on a throwaway PostgreSQL server's; closes both. */
export async function onEachStore(
  work: (name: 'PGlite' | 'PostgreSQL', db: Database) => Promise<void>,
): Promise<void> {
  const pglite = await openDatabase({ inMemory: true });
  try {
    await work('PGlite', pglite);
  } finally {
    await pglite.close();
  }
  const server = await startThrowawayPostgres();
  try {
    const postgres = await openDatabase({ databaseUrl: server.url });
    try {
      await work('PostgreSQL', postgres);
    } finally {
      await postgres.close();
    }
  } finally {
    await server.stop();
  }
}
