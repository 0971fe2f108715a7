// Runs PGlite in a worker thread. PGlite loads Node built-ins with dynamic import(), which jest's
// module sandbox refuses; a worker is plain Node, and it keeps the WASM engine off the main thread.
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require('@electric-sql/pglite');

const db = workerData.dir ? new PGlite(workerData.dir) : new PGlite();
const open = new Map(); // tx id -> { tx, finish(commit: boolean) }
let gate = Promise.resolve(); // statements outside a transaction wait for the open one to end
let nextTx = 1;

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
    return new Promise((started) => {
      db.transaction(
        (handle) =>
          new Promise((commit, rollback) => {
            open.set(id, {
              tx: handle,
              finish: (ok) => (ok ? commit() : rollback(new Error('rollback'))),
            });
            started(id);
          }),
      )
        .catch(() => undefined)
        .finally(() => {
          open.delete(id);
          ended();
        });
    }).then(
      (id) => id,
      (error) => {
        ended();
        throw error;
      },
    );
  }
  if (op === 'commit' || op === 'rollback') {
    const entry = open.get(tx);
    const done = gate;
    entry.finish(op === 'commit');
    await done;
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
