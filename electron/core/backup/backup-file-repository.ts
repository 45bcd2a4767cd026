/**
 * engine: sqlite. A backup is a copy of the SQLite file, so this room works on files and on the raw
 * better-sqlite3 handle: the online-backup snapshot, the checks run on a staged copy (integrity,
 * version, schema, counts), the archived audit rows copied into it and the lock test before a swap.
 * PostgreSQL backs up with pg_dump instead (issue #13); nothing here is for it.
 */
import type { Db } from '../db/open';
import { MIGRATIONS } from '../db/migrations/index';
import { leaveWalMode, openReadOnlyFile, withMemoryDatabase } from '../store/sqlite-files';
import { sql, sqlId } from '../store/sql';
import type { Queries } from '../store/store';

/**
 * A consistent copy of the live database into `path` (already created), with SQLite's online backup
 * API, never a file copy of a live database. A step that meets a write of this connection in progress
 * waits for it (better-sqlite3 retries a busy step), so no uncommitted page is copied.
 */
export async function snapshotTo(db: Db, path: string): Promise<void> {
  await db.backup(path);
}

/** Opens a staged copy read-only and runs `fn` on it; null when the file is no SQLite database at all. */
export async function withBackupCopy<T>(path: string, fn: (q: Queries) => Promise<T>): Promise<{ value: T } | null> {
  const store = openReadOnlyFile(path);
  if (!store) return null;
  try {
    return { value: await fn(store) };
  } finally {
    await store.close();
  }
}

export const backupCopy = {
  /** SQLite's integrity check: `ok`, or the first problem found. */
  async integrity(q: Queries): Promise<string> {
    const row = await q.one<{ integrity_check: string }>(sql`PRAGMA integrity_check`);
    return String(row?.integrity_check);
  },
  async schemaVersion(q: Queries): Promise<number> {
    return (await q.one<{ user_version: number }>(sql`PRAGMA user_version`))!.user_version;
  },
  async hasTable(q: Queries, name: string): Promise<boolean> {
    return (await q.one(sql`SELECT 1 AS x FROM sqlite_schema WHERE type = 'table' AND name = ${name}`)) !== undefined;
  },
  /** Rows in `table`, 0 when the copy has no such table. */
  async count(q: Queries, table: string): Promise<number> {
    if (!(await backupCopy.hasTable(q, table))) return 0;
    return (await q.one<{ n: number }>(sql`SELECT count(*) AS n FROM ${sqlId(table)}`))!.n;
  },
  async pemda(q: Queries): Promise<string | null> {
    return (await q.one<{ name: string }>(sql`SELECT name FROM employer WHERE id = 1`))?.name ?? null;
  },
};

export interface SchemaRow {
  type: string;
  name: string;
  sql: string | null;
}

/** Tables, indexes, triggers and views; sqlite_stat* tables come from ANALYZE, not from a migration. */
export function schemaRows(q: Queries): Promise<SchemaRow[]> {
  return q.all<SchemaRow>(sql`SELECT type, name, sql FROM sqlite_schema WHERE type IN ('table', 'index', 'trigger', 'view') AND name NOT LIKE 'sqlite\\_stat%' ESCAPE '\\'`);
}

/** The schema rows of a new in-memory database migrated with the app's migrations up to index `upTo`. */
export async function migratedSchemaRows(upTo: number): Promise<SchemaRow[]> {
  return withMemoryDatabase(async (db, store) => {
    db.pragma('foreign_keys = ON');
    db.transaction(() => {
      for (const m of MIGRATIONS.slice(0, upTo + 1)) m.up(db);
    })();
    return schemaRows(store);
  });
}

/**
 * Appends to the staged copy the audit rows of `current` it does not hold (same id with the same
 * contents), under `entity` and with `head` before the original entity, id and summary; returns how
 * many. The copy leaves WAL mode first, so the rows land in the file itself.
 */
export function appendMissingAudit(current: Db, stagedPath: string, entity: string, head: string): number {
  leaveWalMode(stagedPath);
  current.prepare('ATTACH DATABASE ? AS staged').run(stagedPath);
  try {
    return current
      .prepare(
        `INSERT INTO staged.audit_log (at, actor, action, entity, entity_id, summary, before_json, after_json)
         SELECT c.at, c.actor, c.action, ?, c.entity_id,
                ? || c.entity || coalesce(' #' || c.entity_id, '') || coalesce(': ' || c.summary, ''),
                c.before_json, c.after_json
         FROM main.audit_log c
         WHERE NOT EXISTS (
           SELECT 1 FROM staged.audit_log b
           WHERE b.id = c.id AND b.at = c.at AND b.actor = c.actor AND b.action = c.action AND b.entity = c.entity
             AND b.entity_id IS c.entity_id AND b.summary IS c.summary AND b.before_json IS c.before_json AND b.after_json IS c.after_json)
         ORDER BY c.id`,
      )
      .run(entity, head).changes;
  } finally {
    current.prepare('DETACH DATABASE staged').run();
  }
}

/**
 * Tries to leave WAL mode without waiting: true when no other connection has the database open (the
 * switch needs the exclusive lock, which SQLite grants only then). With `keepSwitched` false a
 * successful switch goes back to WAL at once.
 */
export function tryLeaveWal(db: Db, keepSwitched: boolean): boolean {
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  let mode: unknown;
  try {
    // Another process that has it open keeps the lock indefinitely: waiting would not help.
    db.pragma('busy_timeout = 0');
    mode = db.pragma('journal_mode = DELETE', { simple: true });
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('SQLITE_BUSY')) throw e;
    mode = 'wal';
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
  if (mode !== 'delete') return false;
  if (!keepSwitched) db.pragma('journal_mode = WAL');
  return true;
}
