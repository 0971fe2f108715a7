import { TransactionAbortedError, type Database } from './database';
import { openPglite } from './pglite';

// The embedded database must report a transaction that did not commit as a failure.
let db: Database;

beforeAll(async () => {
  db = await openPglite();
  // A deferred foreign key is checked at COMMIT, so COMMIT itself fails.
  await db.query(`CREATE TABLE parent (id int PRIMARY KEY);
    CREATE TABLE child (id int PRIMARY KEY,
      parent int REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)`);
}, 60_000);
afterAll(() => db.close());

const count = async (table: string): Promise<number> =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]?.n ?? -1;

describe('PGlite transactions', () => {
  it('commits what the work wrote', async () => {
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO parent (id) VALUES ($1)', [1]);
    });
    expect(await count('parent')).toBe(1);
  });

  it('rejects when COMMIT fails, and nothing is kept', async () => {
    const before = await count('child');
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO child (id, parent) VALUES ($1, $2)', [10, 999]);
        return 'claimed success';
      }),
    ).rejects.toThrow(/foreign key/);
    expect(await count('child')).toBe(before);
  });

  it('rejects when a statement failed even though the work caught it', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO parent (id) VALUES ($1)', [2]);
        await tx.query('INSERT INTO parent (id) VALUES ($1)', [2]).catch(() => undefined);
      }),
    ).rejects.toBeInstanceOf(TransactionAbortedError);
    expect(await count('parent')).toBe(1);
  });

  it('rolls back when the work throws, and keeps serving afterwards', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO parent (id) VALUES ($1)', [3]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await count('parent')).toBe(1);
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO parent (id) VALUES ($1)', [4]);
    });
    expect(await count('parent')).toBe(2);
  });
});
