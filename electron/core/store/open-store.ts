/**
 * Opens the store a database argument names: a file path is the embedded SQLite database (created
 * when missing, migrated on open), a `postgres://` or `postgresql://` URL a PostgreSQL database the
 * Pemda's IT office runs (migrated on connect, in one transaction). The CLI, the worker, `sigap serve`
 * and the tests all open their store here, so the choice is made in one place.
 */
import { openDatabase, type Db, type OpenOptions } from '../db/open';
import { describePgError } from './pg-errors';
import { migratePostgres, PG_LATEST_VERSION } from '../db/pg/migrate';
import { LATEST_VERSION } from '../db/migrations/index';
import { sql } from './sql';
import { PostgresStore } from './postgres';
import { storeOf } from './of-context';
import type { Engine, Store } from './store';

export { describePgError };

import { isPostgresUrl, redactUrl } from './db-target';

export { isPostgresUrl, redactUrl };

export interface OpenedStore {
  engine: Engine;
  store: Store;
  /** The SQLite handle (backups, restore); absent on PostgreSQL. */
  db?: Db;
  /**
   * What a core context carries: the SQLite handle (its store found by `storeOf`, so a restore that
   * swaps the handle is followed), or the PostgreSQL store.
   */
  context: { db: Db } | { store: Store };
  /** The database as the user named it, password removed. */
  where: string;
  /** SQLite: the copy written before a schema upgrade, when there was one. */
  backupPath: string | null;
  fromVersion: number;
  toVersion: number;
}

export interface OpenStoreOptions extends OpenOptions {
  /** PostgreSQL: connections in the pool (a CLI command needs few, `sigap serve` more). */
  poolMax?: number;
}

export async function openStore(target: string, opts: OpenStoreOptions = {}): Promise<OpenedStore> {
  if (isPostgresUrl(target)) {
    const where = redactUrl(target);
    const store = new PostgresStore(target.trim(), { max: opts.poolMax ?? 4 });
    try {
      const { fromVersion, toVersion } = await migratePostgres(store, where);
      return { engine: 'postgres', store, context: { store }, where, backupPath: null, fromVersion, toVersion };
    } catch (e) {
      await store.close().catch(() => {});
      throw describePgError(e, where);
    }
  }
  const { db, backupPath, fromVersion, toVersion } = openDatabase(target, opts);
  return { engine: 'sqlite', store: storeOf({ db }), db, context: { db }, where: target, backupPath, fromVersion, toVersion };
}

/** The schema version this Sigap migrates a database of the engine to. */
export function latestSchemaVersion(engine: Engine): number {
  return engine === 'postgres' ? PG_LATEST_VERSION : LATEST_VERSION;
}

/** The open database's schema version: SQLite's user_version, PostgreSQL's sigap_schema row. */
export async function storeSchemaVersion(store: Store): Promise<number> {
  if (store.engine === 'postgres') return (await store.one<{ version: number }>(sql`SELECT version FROM sigap_schema WHERE id = 1`))?.version ?? 0;
  return (await store.one<{ user_version: number }>(sql`PRAGMA user_version`))!.user_version;
}
