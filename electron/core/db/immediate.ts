import type Database from 'better-sqlite3';

/**
 * Makes `db.transaction(fn)()` begin with `BEGIN IMMEDIATE` instead of better-sqlite3's plain
 * (deferred) `BEGIN`, for every transaction on this connection.
 *
 * Why: a deferred transaction takes a read snapshot at its first SELECT and asks for the write lock
 * only at its first write. If another process (an SK import, the worker, a CLI command) holds the
 * write lock then, or has committed since the snapshot, SQLite answers SQLITE_BUSY at once: the busy
 * timeout is not applied to a transaction that upgrades from read to write, because waiting could
 * deadlock. The audit saw `sigap bill --issue` next to an SK import fail 7 times in 14. Taking the
 * write lock at BEGIN waits the busy timeout like any other writer and cannot fail that way. Every
 * Sigap transaction writes (reads alone need none: a statement is its own snapshot), and one
 * mechanism here keeps a new call site from forgetting `.immediate()`.
 *
 * The returned function is better-sqlite3's own `.immediate` variant, so `.deferred`, `.exclusive`
 * and `.default` remain available for a caller with a reason, and nesting still uses savepoints.
 */
export function transactionsImmediate(db: Database.Database): void {
  const deferredTransaction = db.transaction.bind(db);
  db.transaction = ((fn: Parameters<Database.Database['transaction']>[0]) => deferredTransaction(fn).immediate) as Database.Database['transaction'];
}
