import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { basename, dirname, join } from 'node:path';
import { existsSync, readdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openDatabase } from '../../electron/core/db/open';
import { MIGRATIONS, LATEST_VERSION } from '../../electron/core/db/migrations/index';
import { SigapError } from '../../shared/errors';
import { defaultBackupDir } from '../../electron/core/backup/auto';
import { listBackups, pruneBackups } from '../../electron/core/backup/create';
import { inspectBackup, restoreBackup } from '../../electron/core/backup/restore';
import { tempDir } from '../helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

function schema(db: Database.Database): string {
  return (db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as { type: string; name: string; sql: string | null }[])
    .map((r) => `${r.type} ${r.name}\n${r.sql ?? ''}`)
    .join('\n\n');
}

describe('migrations', () => {
  it('are numbered in multiples of 10, strictly increasing', () => {
    MIGRATIONS.forEach((m, i) => {
      expect(m.version % 10).toBe(0);
      if (i > 0) expect(m.version).toBeGreaterThan(MIGRATIONS[i - 1]!.version);
    });
  });

  it('create a fresh database at the latest version with WAL, foreign keys and the seeded categories', () => {
    const { db, backupPath, fromVersion, toVersion } = openDatabase(join(dir, 'new.db'));
    expect([fromVersion, toVersion, backupPath]).toEqual([0, LATEST_VERSION, null]);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare('SELECT name, segment, programs FROM category ORDER BY id').all()).toEqual([
      { name: 'Tenaga Non-ASN (Honorer)', segment: 'PU', programs: 'JKK,JKM' },
      { name: 'Pekerja Rentan', segment: 'BPU', programs: 'JKK,JKM' },
    ]);
    const strict = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE '%STRICT'").all();
    expect(strict).toEqual([]);
    db.close();
  });

  it.each(MIGRATIONS.slice(0, -1).map((m) => m.version))('upgrade a database from version %i with its data, after a backup', (version) => {
    const path = join(dir, `v${version}.db`);
    const older = openDatabase(path, { migrations: MIGRATIONS.filter((m) => m.version <= version) });
    older.db.prepare("INSERT INTO person (nik, name, created_at, updated_at) VALUES ('1804011205900001', 'Budi', 'x', 'x')").run();
    older.db.close();
    const { db, backupPath, fromVersion } = openDatabase(path);
    expect(fromVersion).toBe(version);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT name FROM person').all()).toEqual([{ name: 'Budi' }]);
    expect(backupPath && existsSync(backupPath)).toBeTruthy();
    // In the backup folder under the backup module's name, so Pengaturan › Cadangan lists it.
    expect(dirname(backupPath!)).toBe(defaultBackupDir(path));
    expect(basename(backupPath!)).toMatch(/^sigap-\d{8}-\d{6}-sebelum-migrasi\.sigapdb$/);
    expect(listBackups(defaultBackupDir(path))).toEqual([expect.objectContaining({ name: basename(backupPath!), reason: 'sebelum-migrasi', encrypted: false })]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.bak') || f.endsWith('.part'))).toEqual([]);
    expect(readdirSync(defaultBackupDir(path)).filter((f) => f.startsWith('.'))).toEqual([]);
    const bak = new Database(backupPath!, { readonly: true });
    expect(bak.pragma('user_version', { simple: true })).toBe(version);
    bak.close();
    // The upgraded schema is the same as a fresh one.
    const fresh = openDatabase(join(dir, 'fresh.db'));
    expect(schema(db)).toBe(schema(fresh.db));
    fresh.db.close();
    db.close();
  });

  it('take no backup and change nothing when already up to date', () => {
    const path = join(dir, 'same.db');
    openDatabase(path).db.close();
    const { db, backupPath } = openDatabase(path);
    expect(backupPath).toBeNull();
    expect(readdirSync(dir).filter((f) => f.endsWith('.bak'))).toEqual([]);
    expect(listBackups(defaultBackupDir(path))).toEqual([]);
    db.close();
  });

  it('keep the pre-migration backup where a restore takes it and the retention rule prunes it', async () => {
    const first = MIGRATIONS[0]!.version;
    const path = join(dir, 'old.db');
    const older = openDatabase(path, { migrations: MIGRATIONS.filter((m) => m.version <= first) });
    older.db.prepare("INSERT INTO person (nik, name, created_at, updated_at) VALUES ('1804011205900001', 'Budi', 'x', 'x')").run();
    older.db.close();
    const clock = () => new Date('2026-03-10T03:00:00Z');
    const { db, backupPath } = openDatabase(path, { clock });
    expect(basename(backupPath!)).toBe('sigap-20260310-030000-sebelum-migrasi.sigapdb');
    db.prepare("INSERT INTO person (nik, name, created_at, updated_at) VALUES ('1804011205900002', 'Sari', 'x', 'x')").run();
    const check = await inspectBackup(backupPath!, dir);
    expect(check).toMatchObject({ integrity: 'ok', schemaVersion: first, encrypted: false, counts: { persons: 1 } });
    // Restoring it brings back the state before the upgrade (migrated again on open).
    const backupDir = defaultBackupDir(path);
    const restored = await restoreBackup(db, path, backupPath!, { backupDir, clock, actor: 'test', closeCurrent: () => db.close() });
    expect(restored.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(restored.db.prepare('SELECT name FROM person').pluck().all()).toEqual(['Budi']);
    restored.db.close();
    expect(listBackups(backupDir).map((b) => b.reason).sort()).toEqual(['sebelum-migrasi', 'sebelum-migrasi', 'sebelum-pemulihan']);
    // An automatic kind: the retention rule may delete it (keeping none here), unlike the restore's safety backup.
    expect(pruneBackups(backupDir, { daily: 0, weekly: 0, monthly: 0 }).length).toBe(2);
    expect(listBackups(backupDir).map((b) => b.reason)).toEqual(['sebelum-pemulihan']);
  });

  it('refuse a database from a newer Sigap with a clear message', () => {
    const path = join(dir, 'future.db');
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST_VERSION + 10}`);
    raw.close();
    const err = (() => {
      try {
        openDatabase(path);
        return null;
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(SigapError);
    expect((err as SigapError).code).toBe('DB_TOO_NEW');
    expect((err as SigapError).message).toMatch(/lebih baru/);
  });

  it('refuse a file that is not a database', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'junk.db'), 'this is not sqlite at all, just text'.repeat(100));
    expect(() => openDatabase(join(dir, 'junk.db'))).toThrow(/tidak dapat dibuka/);
  });

  it('roll back a failing migration entirely', () => {
    const path = join(dir, 'fail.db');
    const broken = [...MIGRATIONS, { version: LATEST_VERSION + 10, name: 'broken', up: (db: Database.Database) => { db.exec('CREATE TABLE t (x INTEGER) STRICT'); throw new Error('boom'); } }];
    openDatabase(path).db.close();
    expect(() => openDatabase(path, { migrations: broken })).toThrow('boom');
    const { db } = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 't'").all()).toEqual([]);
    db.close();
  });

  it('keep the audit log append-only', () => {
    const { db } = openDatabase(join(dir, 'a.db'));
    db.prepare("INSERT INTO audit_log (at, actor, action, entity) VALUES ('t', 'a', 'create', 'x')").run();
    expect(() => db.prepare('UPDATE audit_log SET actor = ?').run('evil')).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    db.close();
  });

  it('match the schema snapshot (every schema change is visible in review)', () => {
    const { db } = openDatabase(join(dir, 'snap.db'));
    expect(schema(db)).toMatchSnapshot();
    db.close();
  });
});
