/**
 * The one seam between the core and its data. Repositories hold the SQL and call a Store; rules,
 * bridge handlers, CLI commands and printing call repositories. Asynchronous, so the same core runs on
 * the embedded SQLite file (store/sqlite.ts) and on a PostgreSQL server.
 */
import type { SqlQuery } from './sql';

export type Engine = 'sqlite' | 'postgres';

export interface RunResult {
  /** Rows inserted, changed or deleted. */
  changes: number;
  /** The id of the row an INSERT made (SQLite's rowid; PostgreSQL: from `RETURNING id`), else null. */
  newId: number | null;
}

/**
 * `write` takes the write lock at the start (SQLite `BEGIN IMMEDIATE`), so a rule checked inside the
 * transaction still holds when it writes, whoever else writes; `read` is one consistent snapshot.
 */
export type TxMode = 'read' | 'write';

export interface Queries {
  /** Which engine answers (for the few fragments spelled differently: store/dialect.ts). */
  readonly engine: Engine;
  all<T>(q: SqlQuery): Promise<T[]>;
  /** The first row, or undefined. */
  one<T>(q: SqlQuery): Promise<T | undefined>;
  run(q: SqlQuery): Promise<RunResult>;
  /** Rows one at a time, for what must not sit in memory at once (a 100,000-row export). */
  iterate<T>(q: SqlQuery): AsyncIterable<T>;
}

export interface Store extends Queries {
  /**
   * Runs `fn` in a transaction: committed when it resolves, rolled back when it throws. Called inside
   * another transaction it becomes a savepoint of that one. Every query made while `fn` runs, through
   * `tx` or through this store, belongs to the transaction; other callers wait until it ends.
   */
  tx<T>(mode: TxMode, fn: (tx: Queries) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
