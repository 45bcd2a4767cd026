import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, basename } from 'node:path';
import { MIGRATIONS, LATEST_VERSION } from './migrations/index';
import type { Migration } from './migrations/types';
import { SigapError } from '../errors';
import { defaultBackupDir, freeBackupPath } from '../backup/names';
import { partPath } from '../files/parts';
import { createPrivateFile } from '../files/atomic';
import { transactionsImmediate } from './immediate';

export type Db = Database.Database;

export interface OpenOptions {
  /** Used to name the pre-migration backup. */
  clock?: () => Date;
  /** Override the migration list (tests migrate to an earlier version). */
  migrations?: readonly Migration[];
  readonly?: boolean;
}

export interface OpenResult {
  db: Db;
  /** The backup written before migrating, when there was one. */
  backupPath: string | null;
  fromVersion: number;
  toVersion: number;
}

/** Opens (creating when missing) the Sigap database at `path` and brings its schema up to date. */
export function openDatabase(path: string, opts: OpenOptions = {}): OpenResult {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const existed = path !== ':memory:' && existsSync(path) && statSync(path).size > 0;
  // A database Sigap creates is readable by its user only (SQLite gives its -wal and -shm the same mode).
  if (path !== ':memory:' && !existsSync(path) && !opts.readonly) createPrivateFile(path);
  let db: Db;
  try {
    db = new Database(path, { readonly: opts.readonly ?? false });
    db.pragma('schema_version'); // touches the file: a non-database fails here, not later
  } catch (e) {
    throw new SigapError('DB_UNREADABLE', `Berkas basis data "${path}" tidak dapat dibuka: ${(e as Error).message}`);
  }
  configure(db);
  try {
    const res = migrate(db, path, existed, opts);
    return { db, ...res };
  } catch (e) {
    db.close();
    throw e;
  }
}

function configure(db: Db): void {
  transactionsImmediate(db); // writers take the write lock at BEGIN: see immediate.ts
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // A writer waits this long for another process's write (an SK import, a billing run) before it
  // gives up with DB_BUSY: a 100,000-row SK applies in 2-4 s on the bench machine, more on an old laptop.
  db.pragma('busy_timeout = 15000');
  // NORMAL is durable across application crashes in WAL mode (only a power loss can drop the last
  // commits, never corrupt the file); FULL would fsync every commit for little gain on a desktop.
  db.pragma('synchronous = NORMAL');
  // A 32 MB page cache (SQLite's default is 2 MB, allocated only as used): applying a 100,000-row SK
  // inserts into the NIK, name and engagement indexes in random order, and with the default cache the
  // apply step spends ~40% longer re-reading index pages (measured by `npm run bench`).
  db.pragma('cache_size = -32768');
}

/** The schema version of an open database (its `user_version`): for Tentang Sigap. */
export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db, path: string, existed: boolean, opts: OpenOptions): Omit<OpenResult, 'db'> {
  const migrations = opts.migrations ?? MIGRATIONS;
  const latest = opts.migrations ? migrations[migrations.length - 1]!.version : LATEST_VERSION;
  const current = schemaVersion(db);
  if (current > latest) {
    throw new SigapError(
      'DB_TOO_NEW',
      `Basis data "${basename(path)}" dibuat oleh versi Sigap yang lebih baru (skema ${current}, versi ini mengenal sampai ${latest}). Perbarui aplikasi Sigap.`,
    );
  }
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return { backupPath: null, fromVersion: current, toVersion: current };
  let backupPath: string | null = null;
  if (existed && path !== ':memory:') {
    // Into the backup folder under the backup module's name (sigap-<stamp>-sebelum-migrasi.sigapdb), so
    // Pengaturan › Cadangan lists it, a restore takes it and the retention rule prunes it in time.
    // VACUUM INTO is SQLite's own consistent snapshot (not a file copy), safe on a live WAL database and
    // synchronous like this function; it writes a hidden part file that takes its name only when complete.
    const dir = defaultBackupDir(path);
    mkdirSync(dir, { recursive: true });
    backupPath = freeBackupPath(dir, (opts.clock ?? (() => new Date()))(), 'sebelum-migrasi', false);
    const part = partPath(backupPath);
    rmSync(part, { force: true });
    try {
      createPrivateFile(part); // VACUUM INTO fills an empty file and keeps its owner-only mode
      db.prepare('VACUUM INTO ?').run(part);
      renameSync(part, backupPath);
    } catch (e) {
      rmSync(part, { force: true });
      throw e;
    }
  }
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`user_version = ${pending[pending.length - 1]!.version}`);
  })();
  return { backupPath, fromVersion: current, toVersion: pending[pending.length - 1]!.version };
}
