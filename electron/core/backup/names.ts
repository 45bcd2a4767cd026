/**
 * How backups are named and where they go by default: pure path rules, apart from the backup machinery
 * (create.ts), so the database opener can name its pre-migration backup without importing the audit,
 * the context and everything they import (an import loop before).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type BackupReason = 'otomatis' | 'harian' | 'sebelum-sk' | 'sebelum-migrasi' | 'keluar' | 'manual' | 'sebelum-pemulihan';

export const BACKUP_NAME = /^sigap-(\d{8})-(\d{6})-([a-z-]+?)(?:-\d+)?\.(sigapdb|sigapenc)$/;

export function backupName(at: Date, reason: BackupReason, encrypted: boolean): string {
  const s = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `sigap-${s}-${reason}.${encrypted ? 'sigapenc' : 'sigapdb'}`;
}

/** A free path for a new backup in `dir`: two backups in the same second get a counter (sigap-...-manual-2.sigapdb). */
export function freeBackupPath(dir: string, at: Date, reason: BackupReason, encrypted: boolean): string {
  const first = backupName(at, reason, encrypted);
  let name = first;
  for (let n = 2; existsSync(join(dir, name)); n++) name = first.replace(/(\.sigap\w+)$/, `-${n}$1`);
  return join(dir, name);
}

/** The backup folder beside a database: `<folder of the database>/cadangan`. */
export function defaultBackupDir(dbPath: string): string {
  return join(dirname(dbPath), 'cadangan');
}
