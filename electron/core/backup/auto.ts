import { basename } from 'node:path';
import type { CoreContext } from '../context';
import { createBackup, listBackups, pruneBackups, type BackupReason, type BackupResult } from './create';

export { defaultBackupDir } from './names';

/** An automatic backup followed by pruning the folder by the retention rule. */
export async function autoBackup(ctx: CoreContext, dir: string, reason: BackupReason): Promise<BackupResult> {
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
