import Database from 'better-sqlite3';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { SigapError } from '../../../shared/errors';
import { LATEST_VERSION } from '../db/migrations/index';
import { openDatabase, type Db } from '../db/open';
import { decryptFile, isEncryptedBackup } from './crypto';
import { createBackup } from './create';
import { audit } from '../audit';

export interface BackupCheck {
  file: string;
  encrypted: boolean;
  integrity: string;
  schemaVersion: number;
  pemda: string | null;
  counts: { persons: number; engagements: number; decrees: number; opds: number; auditRows: number };
}

function count(db: Db, table: string): number {
  const exists = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table);
  return exists ? (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n : 0;
}

/** Opens a plain database copy read-only and checks it can be restored. */
function checkPlain(path: string, label: string, encrypted: boolean): BackupCheck {
  let db: Db;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch {
    throw new SigapError('BACKUP_INVALID', `"${label}" bukan berkas cadangan Sigap.`);
  }
  try {
    let integrity: string;
    try {
      integrity = String(db.pragma('integrity_check', { simple: true }));
    } catch {
      throw new SigapError('BACKUP_INVALID', `"${label}" bukan basis data SQLite yang utuh.`);
    }
    if (integrity !== 'ok') throw new SigapError('BACKUP_INVALID', `Berkas cadangan "${label}" rusak: ${integrity}.`);
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (schemaVersion === 0 || !db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'person'").get()) {
      throw new SigapError('BACKUP_INVALID', `"${label}" bukan cadangan basis data Sigap.`);
    }
    if (schemaVersion > LATEST_VERSION) throw new SigapError('DB_TOO_NEW', `Cadangan "${label}" dibuat oleh versi Sigap yang lebih baru (skema ${schemaVersion}). Perbarui aplikasi dahulu.`);
    const pemda = (db.prepare('SELECT name FROM employer WHERE id = 1').get() as { name: string } | undefined)?.name ?? null;
    return {
      file: label, encrypted, integrity, schemaVersion, pemda,
      counts: { persons: count(db, 'person'), engagements: count(db, 'engagement'), decrees: count(db, 'decree'), opds: count(db, 'opd'), auditRows: count(db, 'audit_log') },
    };
  } finally {
    db.close();
  }
}

/** Removes a staged copy with the -wal/-shm files a read-only open of a WAL-mode copy leaves beside it. */
function removeStaged(staged: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${staged}${suffix}`, { force: true });
}

/** Makes a plain copy of a backup (decrypting it) next to `nearPath`, and checks it. */
export async function stageBackup(backupPath: string, nearPath: string, passphrase?: string): Promise<{ staged: string; check: BackupCheck }> {
  if (!existsSync(backupPath)) throw new SigapError('NOT_FOUND', `Berkas cadangan "${backupPath}" tidak ditemukan.`);
  const encrypted = isEncryptedBackup(backupPath);
  const staged = join(dirname(nearPath), `.restore-${randomBytes(4).toString('hex')}.db`);
  try {
    if (encrypted) {
      if (!passphrase) throw new SigapError('BACKUP_PASSPHRASE', 'Cadangan ini terenkripsi: masukkan kata sandinya.');
      await decryptFile(backupPath, staged, passphrase);
    } else copyFileSync(backupPath, staged);
    const check = checkPlain(staged, basename(backupPath), encrypted);
    for (const suffix of ['-wal', '-shm']) rmSync(`${staged}${suffix}`, { force: true });
    return { staged, check };
  } catch (e) {
    removeStaged(staged);
    throw e;
  }
}

export async function inspectBackup(backupPath: string, scratchDir: string, passphrase?: string): Promise<BackupCheck> {
  const { staged, check } = await stageBackup(backupPath, join(scratchDir, 'x.db'), passphrase);
  removeStaged(staged);
  return check;
}

export interface RestoreOptions {
  passphrase?: string;
  /** Where the safety backup of the current state goes. */
  backupDir: string;
  clock: () => Date;
  /** Closes the caller's connection to `dbPath` before the file is replaced. */
  closeCurrent: () => void;
}

/**
 * Restores a backup over the database at `dbPath`: checks it first, backs up the current state, then
 * swaps the files and reopens (migrating an older backup). Returns the check and the new connection.
 */
export async function restoreBackup(current: Db, dbPath: string, backupPath: string, o: RestoreOptions): Promise<{ check: BackupCheck; safety: string; db: Db }> {
  const { staged, check } = await stageBackup(backupPath, dbPath, o.passphrase);
  try {
    const safety = await createBackup({ db: current, actor: 'pemulihan', clock: o.clock }, o.backupDir, 'sebelum-pemulihan');
    o.closeCurrent();
    for (const suffix of ['-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
    renameSync(staged, dbPath);
    const { db } = openDatabase(dbPath, { clock: o.clock });
    const ctx = { db, actor: 'pemulihan', clock: o.clock };
    db.transaction(() => audit(ctx, { action: 'update', entity: 'backup', entityId: null, summary: `Dipulihkan dari ${basename(backupPath)}; keadaan sebelumnya dicadangkan di ${basename(safety.path)}`, after: check }))();
    return { check, safety: safety.path, db };
  } catch (e) {
    removeStaged(staged);
    throw e;
  }
}
