import type { Db } from '../db/open';
import { appendMissingAudit } from './backup-file-repository';

/** The entity archived audit rows carry, so no screen takes them for rows about today's records. */
export const ARCHIVE_ENTITY = 'arsip-pemulihan';

/**
 * Copies into the staged backup the audit rows of the current database that the backup does not hold
 * (the work a restore is about to undo, and everything else written since the backup), so the restored
 * log still tells what happened. They are appended as an archived segment: the original time, actor,
 * action and before/after values, under the entity `arsip-pemulihan` (ids are reused after a restore,
 * so `person #12` in an undone row may name someone else tomorrow), with the original entity and id and
 * the restore's time at the head of the summary. Returns how many rows were archived.
 *
 * A row counts as held by the backup only when the backup has the same id with the same contents: a
 * backup from another line of history (restored earlier, then diverged) archives the rows that differ.
 */
export function archiveLaterAudit(current: Db, stagedPath: string, restoredAt: string): number {
  const head = `[Arsip: dibatalkan oleh pemulihan ${restoredAt.slice(0, 16).replace('T', ' ')} UTC] `;
  return appendMissingAudit(current, stagedPath, ARCHIVE_ENTITY, head);
}
