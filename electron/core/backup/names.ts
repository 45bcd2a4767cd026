/**
 * How backups are named and where they go by default: pure path rules, apart from the backup machinery
 * (create.ts), so the database opener can name its pre-migration backup without importing the audit,
 * the context and everything they import (an import loop before).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { userDataDir } from '../paths';

export type BackupReason = 'otomatis' | 'harian' | 'sebelum-sk' | 'sebelum-migrasi' | 'keluar' | 'manual' | 'sebelum-pemulihan';

/**
 * `.sigapdb` a SQLite file, `.sigappg` a PostgreSQL dump (pg_dump's custom format), `.sigapenc` either,
 * encrypted (what it holds is known once decrypted).
 */
export const BACKUP_NAME = /^sigap-(\d{8})-(\d{6})-([a-z-]+?)(?:-\d+)?\.(sigapdb|sigappg|sigapenc)$/;

export function backupName(at: Date, reason: BackupReason, encrypted: boolean, engine: 'sqlite' | 'postgres' = 'sqlite'): string {
  const s = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `sigap-${s}-${reason}.${encrypted ? 'sigapenc' : engine === 'postgres' ? 'sigappg' : 'sigapdb'}`;
}

/** A free path for a new backup in `dir`: two backups in the same second get a counter (sigap-...-manual-2.sigapdb). */
export function freeBackupPath(dir: string, at: Date, reason: BackupReason, encrypted: boolean, engine: 'sqlite' | 'postgres' = 'sqlite'): string {
  const first = backupName(at, reason, encrypted, engine);
  let name = first;
  for (let n = 2; existsSync(join(dir, name)); n++) name = first.replace(/(\.sigap\w+)$/, `-${n}$1`);
  return join(dir, name);
}

/**
 * The backup folder beside a database file: `<folder of the database>/cadangan`. A PostgreSQL database
 * (a `postgres://` URL) has no folder: its backups go to the user-data folder's `cadangan`, the folder
 * the default database file uses (never a path made from the URL).
 */
export function defaultBackupDir(dbPath: string, dataDir?: string): string {
  if (/^postgres(ql)?:\/\//i.test(dbPath.trim())) return join(dataDir ?? userDataDir(), 'cadangan');
  return join(dirname(dbPath), 'cadangan');
}
