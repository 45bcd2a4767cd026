import { chmodSync, copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, basename } from 'node:path';
import { SigapError } from '../../../shared/errors';
import { LATEST_VERSION } from '../db/migrations/index';
import { openDatabase, type Db } from '../db/open';
import { createPrivateFile, PRIVATE_FILE_MODE } from '../files/atomic';
import { audit } from '../audit';
import { decryptFile, isEncryptedBackup } from './crypto';
import { createBackup } from './create';
import { archiveLaterAudit } from './archive';
import { assertSoleConnection } from './in-use';
import { privateTemp, privateTempBase, type PrivateTemp } from './leftovers';
import { schemaDifferences } from './schema-check';
import { backupCopy, withBackupCopy } from './backup-file-repository';
import { holdingConnection, storeOf } from '../store/of-context';
import { checkPgDump, PG_DUMP_TO_SQLITE, sniffBackup } from './pg-backup';
import type { BackupCheck } from './results';

export type { BackupCheck } from './results';

/** Opens a plain database copy read-only and checks it can be restored. */
async function checkPlain(path: string, label: string, encrypted: boolean): Promise<BackupCheck> {
  const checked = await withBackupCopy(path, async (q) => {
    let integrity: string;
    try {
      integrity = await backupCopy.integrity(q);
    } catch {
      throw new SigapError('BACKUP_INVALID', `"${label}" bukan basis data SQLite yang utuh.`);
    }
    if (integrity !== 'ok') throw new SigapError('BACKUP_INVALID', `Berkas cadangan "${label}" rusak: ${integrity}.`);
    const schemaVersion = await backupCopy.schemaVersion(q);
    if (schemaVersion === 0 || !(await backupCopy.hasTable(q, 'person'))) {
      throw new SigapError('BACKUP_INVALID', `"${label}" bukan cadangan basis data Sigap.`);
    }
    if (schemaVersion > LATEST_VERSION) throw new SigapError('DB_TOO_NEW', `Cadangan "${label}" dibuat oleh versi Sigap yang lebih baru (skema ${schemaVersion}). Perbarui aplikasi dahulu.`);
    const diff = await schemaDifferences(q, schemaVersion);
    if (diff.length > 0) {
      const shown = diff.length > 6 ? [...diff.slice(0, 6), `dan ${diff.length - 6} perbedaan lain`] : diff;
      throw new SigapError('BACKUP_INVALID', `Cadangan "${label}" tidak cocok dengan skema Sigap versi ${schemaVersion} (diubah di luar Sigap?), jadi tidak dapat dipulihkan: ${shown.join('; ')}.`);
    }
    const count = (table: string) => backupCopy.count(q, table);
    return {
      file: label, encrypted, integrity, schemaVersion, pemda: await backupCopy.pemda(q),
      counts: { persons: await count('person'), engagements: await count('engagement'), decrees: await count('decree'), opds: await count('opd'), auditRows: await count('audit_log') },
    };
  });
  if (!checked) throw new SigapError('BACKUP_INVALID', `"${label}" bukan berkas cadangan Sigap.`);
  return checked.value;
}

/**
 * Makes a plain copy of a backup (decrypting it) in a new private folder under `localDir`, and checks
 * it. `localDir` is on the local disk (beside the database, so the restore's rename stays on one file
 * system): a decrypted copy never lands next to an encrypted backup on a flash disk.
 */
export async function stageBackup(backupPath: string, localDir: string, passphrase?: string, o: { acceptPgDump?: boolean } = {}): Promise<{ staged: string; check: BackupCheck; temp: PrivateTemp }> {
  if (!existsSync(backupPath)) throw new SigapError('NOT_FOUND', `Berkas cadangan "${backupPath}" tidak ditemukan.`);
  const encrypted = isEncryptedBackup(backupPath);
  if (encrypted && !passphrase) throw new SigapError('BACKUP_PASSPHRASE', 'Cadangan ini terenkripsi: masukkan kata sandinya.');
  const temp = privateTemp(localDir);
  const staged = join(temp.dir, 'pulihkan.db');
  try {
    if (encrypted) await decryptFile(backupPath, staged, passphrase!);
    else {
      createPrivateFile(staged);
      copyFileSync(backupPath, staged);
    }
    if (sniffBackup(staged) === 'postgres') {
      // A PostgreSQL dump: checked as one (inspectBackup), never swapped in for a SQLite file.
      if (!o.acceptPgDump) throw PG_DUMP_TO_SQLITE(basename(backupPath));
      return { staged, check: await checkPgDump(staged, basename(backupPath), encrypted), temp };
    }
    const check = await checkPlain(staged, basename(backupPath), encrypted);
    // The -wal/-shm a read-only open of a WAL-mode copy leaves: the copy must move alone.
    for (const suffix of ['-wal', '-shm']) rmSync(`${staged}${suffix}`, { force: true });
    return { staged, check, temp };
  } catch (e) {
    temp.cleanup();
    throw e;
  }
}

/**
 * Checks a backup without restoring it; the staged copy lives in a private folder under `localDir` and
 * is removed. A SQLite file or a PostgreSQL dump (pg-backup.ts), whichever the file holds.
 */
export async function inspectBackup(backupPath: string, localDir: string, passphrase?: string): Promise<BackupCheck> {
  mkdirSync(localDir, { recursive: true });
  const { check, temp } = await stageBackup(backupPath, localDir, passphrase, { acceptPgDump: true });
  temp.cleanup();
  return check;
}

export interface RestoreOptions {
  passphrase?: string;
  /** Where the safety backup of the current state goes. */
  backupDir: string;
  clock: () => Date;
  /** Who restores: the restore and its safety backup are audited under this name. */
  actor: string;
  /** Closes the caller's connection to `dbPath` before the file is replaced. */
  closeCurrent: () => void;
}

/**
 * Restores a backup over the database at `dbPath`: checks it first (integrity, version, schema),
 * refuses while another process has the database open, backs up the current state, keeps the audit
 * rows written since the backup as an archived segment of the restored log, then swaps the files and
 * reopens (migrating an older backup). Returns the check and the new connection.
 */
export async function restoreBackup(current: Db, dbPath: string, backupPath: string, o: RestoreOptions): Promise<{ check: BackupCheck; safety: string; archived: number; db: Db }> {
  // Before any work: nothing is made (not even the safety backup) for a restore that cannot happen.
  assertSoleConnection(current, false);
  const { staged, check, temp } = await stageBackup(backupPath, privateTempBase(dbPath), o.passphrase);
  try {
    const ctx = { db: current, actor: o.actor, clock: o.clock };
    // The connection is held from the safety backup to the swap: no call of this process writes in
    // between (it would be lost with the old file) or runs on the closed handle.
    const { safety, archived } = await holdingConnection(ctx, async () => {
      const safety = await createBackup(ctx, o.backupDir, 'sebelum-pemulihan');
      const archived = archiveLaterAudit(current, staged, o.clock().toISOString());
      // Again just before the swap: a process may have opened the database in the meantime.
      assertSoleConnection(current, true);
      o.closeCurrent();
      return { safety, archived };
    });
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${dbPath}${suffix}`, { force: true });
    chmodSync(staged, PRIVATE_FILE_MODE);
    renameSync(staged, dbPath);
    const { db } = openDatabase(dbPath, { clock: o.clock });
    const summary = `Dipulihkan dari ${basename(backupPath)}; keadaan sebelumnya dicadangkan di ${basename(safety.path)}` + (archived > 0 ? `; ${archived} entri jejak audit sesudah cadangan disimpan sebagai arsip` : '');
    const restored = { ...ctx, db };
    await storeOf(restored).tx('write', async () => {
      await audit(restored, { action: 'update', entity: 'backup', entityId: null, summary, after: { ...check, archivedAuditRows: archived } });
    });
    return { check, safety: safety.path, archived, db };
  } finally {
    temp.cleanup(); // the staged copy, when the swap did not take it, with its side files
  }
}
