/**
 * The Store behind a core context, while the core moves from the raw better-sqlite3 handle to the
 * store seam area by area: a context that carries a Store (PostgreSQL, or one made by its creator)
 * uses it; one that carries only the SQLite handle gets one adapter per handle, so every repository
 * call on the same database shares its transaction queue.
 *
 * While code on the raw handle remains, a Store transaction on SQLite awaits nothing but store calls
 * (no file or network I/O inside it): raw-handle code knows nothing of the Store's queue and would
 * otherwise run inside the open transaction. Reads and writes moved to repositories lift this.
 */
import type { Db } from '../db/open';
import type { Store } from './store';
import { SqliteStore } from './sqlite';

const byHandle = new WeakMap<Db, SqliteStore>();

export function storeOf(ctx: { db?: Db; store?: Store }): Store {
  if (ctx.store) return ctx.store;
  if (!ctx.db) throw new Error('core context without a store');
  let s = byHandle.get(ctx.db);
  if (!s) {
    s = new SqliteStore(ctx.db);
    byHandle.set(ctx.db, s);
  }
  return s;
}

/**
 * Runs `fn` with the SQLite connection held and no transaction open (SqliteStore.exclusive): the
 * backup's snapshot and the restore's swap. Other engines have nothing to hold: `fn` just runs.
 */
export function holdingConnection<T>(ctx: { db?: Db; store?: Store }, fn: () => Promise<T>): Promise<T> {
  const s = storeOf(ctx);
  return s instanceof SqliteStore ? s.exclusive(fn) : fn();
}
