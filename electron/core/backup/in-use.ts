import { SigapError } from '../../../shared/errors';
import type { Db } from '../db/open';

/**
 * Refuses when any connection but `db` has the database open: a restore swaps the file, and a process
 * still holding the old one (the app's worker, a CLI command) would go on writing into the deleted file
 * and report success while its work is lost.
 *
 * The check is SQLite's own lock, which the operating system releases when a process dies, so a
 * crashed app never blocks a restore: leaving WAL mode needs the exclusive lock, which SQLite grants
 * only when no other connection holds the WAL index, i.e. has the database open (in this process or
 * another). If the switch succeeds nobody else is there; the database stays in rollback mode, which is
 * harmless for a file about to be replaced, and `openDatabase` sets WAL again on the next open. With
 * `keepSwitched` false it goes back to WAL at once (an early check, before any work).
 */
export function assertSoleConnection(db: Db, keepSwitched: boolean): void {
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  let mode: unknown;
  try {
    // Another process that has it open keeps the lock indefinitely: waiting would not help.
    db.pragma('busy_timeout = 0');
    mode = db.pragma('journal_mode = DELETE', { simple: true });
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('SQLITE_BUSY')) throw e;
    mode = 'wal';
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
  if (mode !== 'delete') {
    throw new SigapError(
      'CONFLICT',
      'Basis data sedang dibuka oleh proses lain (aplikasi Sigap atau perintah sigap lain yang masih berjalan). Tutup aplikasi Sigap dan tunggu perintah lain selesai, lalu jalankan pemulihan lagi.',
    );
  }
  if (!keepSwitched) db.pragma('journal_mode = WAL');
}
