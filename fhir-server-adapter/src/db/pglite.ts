import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { TransactionAbortedError, type Database, type Queryable, type SqlValue } from './database';

interface Reply {
  id: number;
  result?: unknown;
  error?: { message: string; code?: string };
}

/** The embedded database: PGlite in a folder (kept between starts), or in memory when `dir` is absent. */
export async function openPglite(dir?: string): Promise<Database> {
  if (dir !== undefined) mkdirSync(dir, { recursive: true });
  const worker = new Worker(join(__dirname, 'pglite-worker.cjs'), { workerData: { dir } });
  const waiting = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  let next = 1;
  worker.on('message', (reply: Reply) => {
    const caller = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (reply.error === undefined) caller?.resolve(reply.result);
    else caller?.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
  });
  worker.on('error', (error) => {
    for (const caller of waiting.values()) caller.reject(error);
    waiting.clear();
  });
  const call = (message: Record<string, unknown>): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ ...message, id });
    });
  const queryIn =
    (tx?: number) =>
    async <T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> =>
      (await call({ op: 'query', sql, params, tx })) as T[];
  await call({ op: 'ready' });
  // One connection: transactions take turns; statements outside one wait in the worker.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    kind: 'pglite',
    query: queryIn(),
    transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      const run = queue.then(async () => {
        const tx = (await call({ op: 'begin' })) as number;
        let failed: unknown;
        const query = queryIn(tx);
        let result: T;
        try {
          result = await work({
            // A statement that failed aborts the transaction, and PostgreSQL then answers COMMIT
            // with a silent ROLLBACK: remember the failure even if `work` caught it.
            query: <R>(sql: string, params?: readonly SqlValue[]) =>
              query<R>(sql, params).catch((error: unknown) => {
                failed ??= error;
                throw error;
              }),
          });
        } catch (error) {
          await call({ op: 'rollback', tx }).catch(() => undefined);
          throw error;
        }
        if (failed !== undefined) {
          await call({ op: 'rollback', tx }).catch(() => undefined);
          throw new TransactionAbortedError(failed);
        }
        // Throws what COMMIT said when it failed; the worker has already rolled back.
        await call({ op: 'commit', tx });
        return result;
      });
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      await call({ op: 'close' });
      await worker.terminate();
    },
  };
}
