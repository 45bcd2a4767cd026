import { basename } from 'node:path';
import type { CoreContext } from '../context';
import { storeOf } from '../store/of-context';
import { createBackup, listBackups, pruneBackups, type BackupReason, type BackupResult } from './create';
import { findPgTool } from './pg-tools';

export { defaultBackupDir } from './names';

/** Why an automatic backup of a server database was not made: said to the clerk (CLI) or the log. */
export const PG_AUTO_BACKUP_SKIPPED =
  'Cadangan otomatis dilewati: basis data ada di server PostgreSQL dan pg_dump tidak terpasang di komputer ini. Cadangan server adalah tugas DBA (lihat README, bagian PostgreSQL).';

/**
 * An automatic backup followed by pruning the folder by the retention rule. On PostgreSQL the backup is
 * a pg_dump into the same folder when pg_dump is installed on this computer; without it the backup is
 * skipped (null), since the server is backed up by the IT office's own routine. SQLite: always a copy.
 */
export async function autoBackup(ctx: CoreContext, dir: string, reason: BackupReason): Promise<BackupResult | null> {
  if (storeOf(ctx).engine === 'postgres' && !findPgTool('pg_dump')) return null;
  return backupAndPrune(ctx, dir, reason);
}

/** A backup, then the folder pruned by the retention rule (the daily schedule's step; SQLite only there). */
export async function backupAndPrune(ctx: CoreContext, dir: string, reason: BackupReason): Promise<BackupResult> {
  const res = await createBackup(ctx, dir, reason);
  // The backup just made stays even when another of the same second sorts first.
  pruneBackups(dir, undefined, [basename(res.path)]);
  return res;
}

/** True when no backup in the folder is younger than `hours`. */
export function backupDue(dir: string, now: Date, hours = 24): boolean {
  const newest = listBackups(dir)[0];
  return !newest || now.getTime() - new Date(newest.at).getTime() >= hours * 3600_000;
}
