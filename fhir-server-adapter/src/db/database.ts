/** The adapter's SQL connection: one PostgreSQL dialect, served by PGlite (embedded) or a server. */
export type SqlValue =
  string | number | boolean | null | Date | Record<string, unknown> | unknown[];

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
}

export interface Database extends Queryable {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
}

/** A statement inside the transaction failed, so nothing of it was committed. */
export class TransactionAbortedError extends Error {
  constructor(failure: unknown) {
    // The statement's own error is the cause, not the message: it may quote stored values.
    super('The transaction was rolled back: a statement in it failed.', { cause: failure });
    this.name = 'TransactionAbortedError';
  }
}
