import { Pool, types } from 'pg';
import { TransactionAbortedError, type Database, type Queryable, type SqlValue } from './database';

// bigint (e.g. COUNT, bigserial) as a JS number, as PGlite returns it; our counts stay far below 2^53.
types.setTypeParser(types.builtins.INT8, (value) => Number(value));

/** A PostgreSQL server reached through DATABASE_URL. */
export async function openPostgres(url: string): Promise<Database> {
  const pool = new Pool({ connectionString: url, max: 5 });
  const client = await pool.connect();
  client.release();
  const query = async <T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> =>
    (await pool.query(sql, params.length === 0 ? undefined : (params as unknown[]))).rows as T[];
  return {
    kind: 'postgres',
    query,
    async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      const conn = await pool.connect();
      let failed: unknown;
      try {
        await conn.query('BEGIN');
        const result = await work({
          // A failed statement aborts the transaction even if `work` catches it: remember it.
          query: async <R>(sql: string, params: readonly SqlValue[] = []) => {
            try {
              return (
                await conn.query(sql, params.length === 0 ? undefined : (params as unknown[]))
              ).rows as R[];
            } catch (error) {
              failed ??= error;
              throw error;
            }
          },
        });
        if (failed !== undefined) throw new TransactionAbortedError(failed);
        // PostgreSQL answers COMMIT of an aborted transaction with ROLLBACK, not an error.
        const commit = await conn.query('COMMIT');
        if (commit.command === 'ROLLBACK') throw new TransactionAbortedError(undefined);
        return result;
      } catch (error) {
        await conn.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        conn.release();
      }
    },
    close: () => pool.end(),
  };
}
