/**
 * Faults of the machine rather than of the input: the database locked by another process for longer
 * than the busy timeout, a full disk, a read-only file or folder. They reach the clerk as Indonesian
 * `SigapError`s that say what to do, from the bridge (dispatch) and the CLI alike, never as
 * "kesalahan internal" or a stack trace.
 */
import { basename } from 'node:path';
import { SigapError } from '../../../shared/errors';
import { partTarget } from '../files/parts';
import { pgFaultToSigapError, refusalToSigapError } from './refusals';

// The file as the clerk knows it: a hidden part file is named by the file it was becoming.
const where = (path: unknown): string => (typeof path === 'string' && path ? ` ("${partTarget(basename(path))?.target ?? basename(path)}")` : '');

/** The SigapError a machine fault becomes, or null when `e` is not one (a bug stays INTERNAL). */
export function faultToSigapError(e: unknown): SigapError | null {
  if (e instanceof SigapError) return e;
  if (!e || typeof e !== 'object') return null;
  // A trigger or a missing right refusing a change (issued invoice, audit trail), PostgreSQL's own faults: db/refusals.ts.
  const refused = refusalToSigapError(e) ?? pgFaultToSigapError(e);
  if (refused) return refused;
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string') return null;
  const path = (e as { path?: unknown }).path;
  // SQLite's extended codes (SQLITE_BUSY_SNAPSHOT, SQLITE_READONLY_DBMOVED, SQLITE_IOERR_WRITE…) keep
  // the primary code as their prefix.
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED' || code.startsWith('SQLITE_LOCKED_')) {
    return new SigapError('DB_BUSY', 'Basis data sedang dipakai oleh proses lain (mis. impor SK atau pencadangan yang sedang berjalan). Tunggu sampai selesai, lalu coba lagi.');
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') {
    return new SigapError('DISK_FULL', `Ruang disk penuh${where(path)}: perubahan tidak disimpan. Kosongkan ruang disk (hapus berkas yang tidak perlu), lalu coba lagi.`);
  }
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_')) {
    return new SigapError('DB_READONLY', 'Basis data hanya dapat dibaca (berkas atau foldernya tidak boleh ditulis, atau disk dikunci): perubahan tidak disimpan. Periksa izin berkas basis data, lalu coba lagi.');
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new SigapError('FILE_NOT_WRITABLE', `Berkas atau folder${where(path)} tidak dapat ditulis (izin ditolak atau disk hanya-baca). Pilih folder lain atau periksa izinnya, lalu coba lagi.`);
  }
  // A folder named where a file was meant (`sigap backup check D:\\`), or a file where a folder was.
  if (code === 'EISDIR') {
    const name = where(path);
    return new SigapError('INVALID_INPUT', `${name ? `${name.trim().slice(1, -1)} adalah` : 'Yang disebut sebagai berkas ternyata'} sebuah folder, bukan berkas. Sebutkan berkasnya di dalam folder itu, lalu coba lagi.`);
  }
  if (code === 'ENOTDIR' || (code === 'EEXIST' && (e as { syscall?: unknown }).syscall === 'mkdir')) {
    return new SigapError('INVALID_INPUT', `Jalur${where(path)} melewati sebuah berkas seolah-olah folder. Periksa jalurnya, lalu coba lagi.`);
  }
  if (code === 'ENOENT' && typeof path === 'string') {
    return new SigapError('NOT_FOUND', `Berkas atau folder${where(path)} tidak ditemukan. Periksa jalurnya, lalu coba lagi.`);
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') {
    return new SigapError('DISK_ERROR', `Disk gagal membaca atau menulis${where(path)} (penuh, dilepas, atau rusak): perubahan tidak disimpan. Periksa disk, lalu coba lagi.`);
  }
  return null;
}
