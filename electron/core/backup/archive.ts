import Database from 'better-sqlite3';
import type { Db } from '../db/open';

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
  // The staged copy leaves WAL mode first, so the rows land in the file itself (no -wal beside it to lose).
  const staged = new Database(stagedPath);
  try {
    staged.pragma('journal_mode = DELETE');
  } finally {
    staged.close();
  }
  current.prepare('ATTACH DATABASE ? AS staged').run(stagedPath);
  try {
    const head = `[Arsip: dibatalkan oleh pemulihan ${restoredAt.slice(0, 16).replace('T', ' ')} UTC] `;
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
      .run(ARCHIVE_ENTITY, head).changes;
  } finally {
    current.prepare('DETACH DATABASE staged').run();
  }
}
