import { SigapError } from '../../../shared/errors';
import type { Db } from '../db/open';
import { tryLeaveWal } from './backup-file-repository';

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
  if (!tryLeaveWal(db, keepSwitched)) {
    throw new SigapError(
      'CONFLICT',
      'Basis data sedang dibuka oleh proses lain (aplikasi Sigap atau perintah sigap lain yang masih berjalan). Tutup aplikasi Sigap dan tunggu perintah lain selesai, lalu jalankan pemulihan lagi.',
    );
  }
}
