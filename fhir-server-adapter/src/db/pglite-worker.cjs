// Runs PGlite in a worker thread. PGlite loads Node built-ins with dynamic import(), which jest's
// module sandbox refuses; a worker is plain Node, and it keeps the WASM engine off the main thread.
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require('@electric-sql/pglite');

const db = workerData.dir ? new PGlite(workerData.dir) : new PGlite();
const open = new Map(); // tx id -> { tx, finish(commit: boolean), settled: Promise<Error|undefined> }
let gate = Promise.resolve(); // statements outside a transaction wait for the open one to end
let nextTx = 1;
const ROLLED_BACK = new Error('rollback');

async function run(runner, sql, params) {
  if (params.length === 0) return (await runner.exec(sql)).at(-1)?.rows ?? [];
  return (await runner.query(sql, params)).rows;
}

async function handle(message) {
  const { op, sql, params = [], tx } = message;
  if (op === 'ready') return db.waitReady.then(() => true);
  if (op === 'query' && tx === undefined) {
    await gate;
    return run(db, sql, params);
  }
  if (op === 'query') return run(open.get(tx).tx, sql, params);
  if (op === 'begin') {
    const id = nextTx++;
    let ended;
    gate = new Promise((resolve) => (ended = resolve));
    let started;
    const began = new Promise((resolve) => (started = resolve));
    const entry = { tx: undefined, finish: undefined, settled: undefined };
    entry.settled = db
      .transaction(
        (handle) =>
          new Promise((commit, rollback) => {
            entry.tx = handle;
            entry.finish = (ok) => (ok ? commit() : rollback(ROLLED_BACK));
            open.set(id, entry);
            started(undefined);
          }),
      )
      // What COMMIT said: undefined when it held, the error when it failed (a deferred
      // constraint, a serialization failure, a full disk). A requested rollback is no failure.
      .then(
        () => undefined,
        (error) => (error === ROLLED_BACK ? undefined : error),
      )
      .finally(() => {
        open.delete(id);
        ended();
      });
    // The callback runs only once BEGIN held; if BEGIN failed, settled carries its error.
    const failure = await Promise.race([
      began,
      entry.settled.then((error) => error ?? new Error('BEGIN failed')),
    ]);
    if (failure !== undefined) throw failure;
    return id;
  }
  if (op === 'commit' || op === 'rollback') {
    const entry = open.get(tx);
    if (entry === undefined) {
      if (op === 'rollback') return true; // already ended (a failed COMMIT rolled it back)
      throw new Error(`no open transaction ${tx}`);
    }
    entry.finish(op === 'commit');
    const error = await entry.settled;
    // A failed COMMIT rolled everything back: the caller must hear it, not a success.
    if (error !== undefined) throw error;
    return true;
  }
  if (op === 'close') {
    await db.close();
    return true;
  }
  throw new Error(`unknown op ${op}`);
}

parentPort.on('message', (message) => {
  handle(message).then(
    (result) => parentPort.postMessage({ id: message.id, result }),
    (error) =>
      parentPort.postMessage({
        id: message.id,
        error: { message: error.message, code: error.code },
      }),
  );
});
