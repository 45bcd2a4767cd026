import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../electron/core/db/open';
import type { CoreContext } from '../electron/core/context';
import type { Db } from '../electron/core/db/open';
import type { Engine, Store } from '../electron/core/store/store';
import { isPostgresUrl } from '../electron/core/store/open-store';
import { openReadOnlyFile } from '../electron/core/store/sqlite-files';
import { PostgresStore } from '../electron/core/store/postgres';
import { storeOf } from '../electron/core/store/of-context';
import { sql, sqlId } from '../electron/core/store/sql';
import { DeferredStore, newPgDatabase } from './pg/test-database';

/** A fresh temp directory per test, removed afterwards by the returned cleanup. */
export function tempDir(prefix = 'sigap-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The engine the suite runs on: SIGAP_TEST_ENGINE=postgres (test/pg/global-setup.ts), else SQLite. */
export const testEngine: Engine = process.env.SIGAP_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

export type TestContext = CoreContext & {
  dir: string;
  /** What `--db` takes for this database: the SQLite file, or the PostgreSQL URL. */
  dbPath: string;
  engine: Engine;
  /** Closes the store and removes the database (and the temp directory). */
  close: () => Promise<void>;
};

/**
 * A core context over a fresh database with a fixed clock: a real SQLite file in a temp directory, or,
 * when the suite runs on PostgreSQL, a new database copied from the migrated template on the test
 * cluster. Synchronous like the tests that call it: the PostgreSQL database is made before the
 * store's first query.
 */
export function testContext(at = '2026-01-15T03:00:00Z'): TestContext {
  if (testEngine === 'postgres') return pgTestContext(at);
  return sqliteContext(at);
}

/** A context on a SQLite file whatever the suite's engine: for what only the embedded file has (file backups, restore, locks). */
export function sqliteContext(at = '2026-01-15T03:00:00Z'): TestContext & { db: Db } {
  const { dir, cleanup } = tempDir();
  const dbPath = join(dir, 'sigap.db');
  const { db } = openDatabase(dbPath);
  return {
    db,
    actor: 'test',
    clock: () => new Date(at),
    dir,
    dbPath,
    engine: 'sqlite',
    close: async () => {
      if (db.open) await storeOf({ db }).close();
      cleanup();
    },
  };
}

function pgTestContext(at: string): TestContext {
  const { dir, cleanup } = tempDir();
  const { url, ready, drop } = newPgDatabase();
  const store = new DeferredStore(ready.then(() => new PostgresStore(url, { max: 4 })));
  return {
    store,
    actor: 'test',
    clock: () => new Date(at),
    dir,
    dbPath: url,
    engine: 'postgres',
    close: async () => {
      await store.close().catch(() => {});
      await drop();
      cleanup();
    },
  };
}

/** Every row of every table, for before/after comparisons. */
export function dumpDb(ctx: { db: Db }): Record<string, unknown[]> {
  const tables = ctx.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  return Object.fromEntries(tables.map((t) => [t.name, ctx.db.prepare(`SELECT * FROM "${t.name}" ORDER BY rowid`).all()]));
}

/**
 * Every row of every table through the context's store, on either engine, for "nothing changed"
 * comparisons: rows sorted by their JSON, so the order each engine returns them in does not matter.
 */
export async function dumpStore(ctx: Pick<CoreContext, 'db' | 'store'>): Promise<Record<string, unknown[]>> {
  const store = storeOf(ctx);
  const tables = store.engine === 'postgres'
    ? await store.all<{ name: string }>(sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`)
    : await store.all<{ name: string }>(sql`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`);
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    const rows = await store.all<Record<string, unknown>>(sql`SELECT * FROM ${sqlId(name)}`);
    out[name] = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : v))).sort();
  }
  return out;
}

/** A fresh database as the CLI names it (`--db`), on the suite's engine. */
export interface TestDatabase {
  /** A SQLite file path (not yet created), or the URL of a new PostgreSQL database. */
  target: string;
  engine: Engine;
  /** Drops the PostgreSQL database (the SQLite file goes with its temp directory). */
  close: () => Promise<void>;
}

/**
 * A fresh database target for `runCli([..., '--db', target])`: `dir/name` on SQLite (`dir` defaults to
 * a new temp directory, removed by `close`), a new PostgreSQL database copied from the migrated
 * template when the suite runs on PostgreSQL (SIGAP_TEST_ENGINE=postgres).
 */
export async function testDatabase(dir?: string, name = 'sigap.db'): Promise<TestDatabase> {
  if (testEngine === 'postgres') {
    const { url, ready, drop } = newPgDatabase();
    await ready;
    return { target: url, engine: 'postgres', close: drop };
  }
  if (dir) return { target: join(dir, name), engine: 'sqlite', close: async () => {} };
  const t = tempDir();
  return { target: join(t.dir, name), engine: 'sqlite', close: async () => t.cleanup() };
}

/**
 * The fresh databases a test file makes, closed together: `next()` in a test (or a beforeEach),
 * `closeAll()` in its afterEach.
 */
export function testDatabases(): { next: (dir?: string, name?: string) => Promise<string>; closeAll: () => Promise<void> } {
  const made: TestDatabase[] = [];
  return {
    next: async (dir, name) => {
      const d = await testDatabase(dir, name);
      made.push(d);
      return d.target;
    },
    closeAll: async () => {
      await Promise.all(made.splice(0).map((d) => d.close()));
    },
  };
}

/**
 * A store reading the database a CLI command wrote (`--db` target): the SQLite file opened read-only,
 * or the PostgreSQL database at the URL. Close it after use.
 */
export function targetStore(target: string): Store {
  if (isPostgresUrl(target)) return new PostgresStore(target, { max: 1 });
  const s = openReadOnlyFile(target);
  if (!s) throw new Error(`${target} is not a Sigap database file`);
  return s;
}
