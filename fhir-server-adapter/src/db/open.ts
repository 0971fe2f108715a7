import { join } from 'node:path';
import type { Database } from './database';
import { migrate } from './migrations';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';

/** PostgreSQL when a URL is given, otherwise PGlite under `<dataDir>/pglite`; migrated either way. */
export async function openDatabase(options: {
  databaseUrl?: string;
  dataDir?: string;
  inMemory?: boolean;
}): Promise<Database> {
  const db =
    options.databaseUrl !== undefined
      ? await openPostgres(options.databaseUrl)
      : await openPglite(
          options.inMemory === true || options.dataDir === undefined
            ? undefined
            : join(options.dataDir, 'pglite'),
        );
  await migrate(db);
  return db;
}
