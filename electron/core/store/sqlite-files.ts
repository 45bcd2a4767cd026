/**
 * engine: sqlite. SQLite files other than the live database, opened for the backup machinery
 * (backup/backup-file-repository.ts): a staged backup copy read-only, a scratch in-memory database,
 * a copy taken out of WAL mode. Here because better-sqlite3 is imported only by the store's SQLite
 * files and the database opener.
 */
import Database from 'better-sqlite3';
import { SqliteStore } from './sqlite';

/** A database file opened read-only as a Store; null when it cannot be opened at all. */
export function openReadOnlyFile(path: string): SqliteStore | null {
  try {
    return new SqliteStore(new Database(path, { readonly: true, fileMustExist: true }));
  } catch {
    return null;
  }
}

/** Runs `fn` on a new in-memory database (its raw handle, for migrations, and its Store), then closes it. */
export async function withMemoryDatabase<T>(fn: (db: Database.Database, store: SqliteStore) => Promise<T>): Promise<T> {
  const store = new SqliteStore(new Database(':memory:'));
  try {
    return await fn(store.db, store);
  } finally {
    await store.close();
  }
}

/** Takes a database file out of WAL mode, so what is written into it next lands in the file itself. */
export function leaveWalMode(path: string): void {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}
